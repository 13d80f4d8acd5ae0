/**
 * The step list is folded on phones (one line above the lesson) and open where there is room
 * beside the lesson. Without JavaScript it stays folded, one tap away.
 */
const drawer = document.querySelector<HTMLDetailsElement>('[data-steps-drawer]');
if (drawer && matchMedia('(min-width: 80rem)').matches) drawer.open = true;
