/**
 * A file's bytes as base64, as `imports.stage` takes them. The browser encodes a data URL
 * natively (far faster than building the string in script for a file of many megabytes);
 * the `data:…;base64,` prefix is dropped.
 */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}
