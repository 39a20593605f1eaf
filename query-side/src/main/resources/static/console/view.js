// Small DOM helpers: everything the API answers is put in as text, never as markup.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick') element.addEventListener('click', value);
    else if (value !== undefined && value !== null) element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A table of rows; each column is [heading, row => cell (text or node), numeric?]. */
export function table(columns, rows, id) {
  return el(
    'table',
    { id },
    el('thead', {}, el('tr', {}, columns.map(([heading]) => el('th', {}, heading)))),
    el(
      'tbody',
      {},
      rows.map((row) =>
        el('tr', {}, columns.map(([, cell, numeric]) => el('td', numeric ? { class: 'num' } : {}, cell(row) ?? ''))),
      ),
    ),
  );
}

export function show(target, ...content) {
  const element = typeof target === 'string' ? document.getElementById(target) : target;
  element.replaceChildren(...content.flat().filter((part) => part !== null && part !== undefined));
}

export function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}
