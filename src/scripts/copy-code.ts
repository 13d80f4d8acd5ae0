/** Adds a "Copy" button to every highlighted code block; copying needs JavaScript, reading does not. */
for (const pre of document.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
  let frame = pre.parentElement;
  if (!frame?.hasAttribute('data-copyable')) {
    frame = document.createElement('div');
    frame.className = 'code-frame';
    frame.setAttribute('data-copyable', '');
    pre.replaceWith(frame);
    frame.append(pre);
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy code to clipboard');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(pre.textContent?.replace(/\n$/, ''));
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Press Ctrl+C';
      const range = document.createRange();
      range.selectNodeContents(pre);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }
    setTimeout(() => {
      button.textContent = 'Copy';
    }, 2000);
  });
  frame.append(button);
}
