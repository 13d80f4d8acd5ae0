/**
 * JSON that is safe inside an HTML `<script type="application/json">`: every `<`, `>` and `&` is
 * written as a \u escape, so neither `</script>` nor `<!--` in a learner's data can end the element.
 */

/**
 * @example jsonForScript({ name: '</script>' }) // '{"name":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
