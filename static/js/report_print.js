// The report pages' print button (templates/reports/figures/_print.html): hidden until this
// runs, since without JavaScript only the browser's own Print can print. print.css opens
// every section of the accordion on paper, whatever is open on screen.
const button = document.getElementById("print-button");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
