/**
 * What the page's modules share about the document.
 *
 * @module
 */

/**
 * The page's element with this id; a missing one is a bug of the template, said by name.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const e = document.getElementById(id);
  if (!e) throw new Error(`The page has no element #${id}`);
  return e;
}
