/** Text with the matched part marked, as lookup reports it. */
export function Highlight({ text, start, end }: { text: string; start: number; end: number }) {
  if (end <= start) return <>{text}</>;
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </>
  );
}
