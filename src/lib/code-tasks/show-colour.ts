import { answered, TaskClient } from './client.ts';
import { edit, handoutFiles } from './handout.ts';
import { type CodeTask, done, missing } from './types.ts';

const colour = 'ultramarine';
const label = 'Favourite colour:';

/** The template check: show a key only when it is in the session. */
export const showColour: CodeTask = {
  id: 'show-colour',
  step: 'the-template-check',
  title: 'Show the favourite colour',
  todo: `In templates/index.html, show "${label} …" with the stored colour, only when favouriteColour is in the session.`,
  hints: [
    "Copy the first-name block: {% if 'favouriteColour' in session %} … {% endif %}.",
    "No colon after the test inside {% %}; print the value with {{ session['favouriteColour'] }}.",
  ],
  solution: {
    'templates/index.html': edit(
      handoutFiles['templates/index.html'],
      "   First Name: {{ session['firstName'] }}<br>\n{% endif %}\n",
      "   First Name: {{ session['firstName'] }}<br>\n{% endif %}\n{% if 'favouriteColour' in session %}\n   Favourite colour: {{ session['favouriteColour'] }}<br>\n{% endif %}\n",
    ),
  },
  async check(send) {
    const fresh = await new TaskClient(send).get('/');
    if (fresh.status !== 200) return missing(answered('GET', '/', fresh));
    const browser = new TaskClient(send);
    const stored = await browser.post('/store-second', { favouriteColour: colour });
    if (stored.status >= 400 || !browser.cookie) return missing(answered('POST', '/store-second', stored));
    const page = await browser.get('/');
    if (page.status !== 200) return missing(answered('GET', '/', page));
    if (!page.body.includes(colour))
      return missing(
        `After storing the colour "${colour}", the page does not show it: add {% if 'favouriteColour' in session %} … {% endif %} to templates/index.html.`,
      );
    if (fresh.body.includes(label))
      return missing(
        `With no colour stored the page still says "${label}": put that line inside the {% if %} check.`,
      );
    return done;
  },
};
