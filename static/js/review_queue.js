// The review queue's enhancement: once htmx has put a row's new state in place, focus its
// message, so a keyboard or screen reader user hears what happened and stays in the row.
// Only rows htmx has just swapped in carry [data-focus]; it is removed once used.
document.body.addEventListener("htmx:afterSettle", () => {
  const focus = document.querySelector(".psd-review-queue [data-focus]");
  if (focus) {
    focus.removeAttribute("data-focus");
    focus.focus();
  }
});
