/**
 * Gives every highlighted code block a bar above it with a "Copy" button, so the button never
 * covers code. Copying needs JavaScript, reading does not. On plain-http classroom addresses
 * `navigator.clipboard` is missing, so copying falls back to the selection.
 */
const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);
const copyKeys = isMac ? '⌘C' : 'Ctrl+C';

/** The old way, where the async clipboard is not offered: copy a selected off-screen textarea. */
function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

/** Selects the code itself, so the learner can copy it with the keyboard. */
function selectCode(pre: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(pre);
  getSelection()?.removeAllRanges();
  getSelection()?.addRange(range);
}

async function copy(pre: HTMLElement, button: HTMLButtonElement, status: HTMLElement): Promise<void> {
  const text = pre.textContent?.replace(/\n$/, '') ?? '';
  let copied = false;
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
  }
  if (!copied) copied = copyBySelection(text);
  if (copied) {
    button.textContent = 'Copied';
    status.textContent = 'Copied to the clipboard.';
  } else {
    selectCode(pre);
    button.textContent = `Press ${copyKeys}`;
    status.textContent = `The code is selected: press ${copyKeys} to copy it.`;
  }
  setTimeout(() => {
    button.textContent = 'Copy';
  }, 2500);
}

for (const pre of document.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
  let frame = pre.parentElement;
  if (!frame?.hasAttribute('data-copyable')) {
    frame = document.createElement('div');
    frame.className = 'code-frame';
    frame.setAttribute('data-copyable', '');
    pre.replaceWith(frame);
    frame.append(pre);
  }
  const bar = document.createElement('div');
  bar.className = 'code-bar';
  const language = document.createElement('span');
  language.className = 'code-language';
  language.textContent =
    pre.dataset.language && pre.dataset.language !== 'plaintext' ? pre.dataset.language : '';
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('aria-live', 'polite');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy code to clipboard');
  button.addEventListener('click', () => copy(pre, button, status));
  bar.append(language, status, button);
  frame.classList.add('with-bar');
  frame.prepend(bar);
}
