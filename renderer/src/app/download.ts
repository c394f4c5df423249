// Hands a file made in the UI to the user: a Blob behind a download link. In a browser that is the
// browser's download; in the desktop app Electron shows its save dialog for it (no will-download
// handler picks a path), so the user chooses where the file goes and the service writes nothing.
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next task; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
