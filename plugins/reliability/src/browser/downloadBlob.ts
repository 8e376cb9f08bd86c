/**
 * Saves a blob the API answered as a file in the browser: the API needs
 * the user's token, so a plain link cannot fetch it.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Later, not at once: some browsers cancel a download whose URL is
  // revoked while it starts.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
