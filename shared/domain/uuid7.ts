/** The creation time a UUIDv7 carries in its first 48 bits, as ISO-8601 UTC. */
export function uuidV7Time(id: string): string {
  const millis = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  return new Date(millis).toISOString();
}
