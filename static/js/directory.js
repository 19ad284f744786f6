// The directory's enhancements; the page works without them (the form submits).
import { FilterToggleButton } from "./moj-filter-toggle-button.js";

// Small screens: the filters wait behind a "Filter" button, so the result count and
// the results come first (the MOJ design system's "filter a list" pattern).
const filter = document.getElementById("directory-filter");
let toggle = null;
if (filter) {
  toggle = new FilterToggleButton(filter, {
    bigModeMediaQuery: "(min-width: 48.0625em)",
    startHidden: false, // small screens start hidden anyway
    toggleButton: { showText: "Filter", hideText: "Hide filter", classes: "govuk-button--secondary" },
    toggleButtonContainer: { selector: ".psd-filter-toggle" },
    closeButton: { text: "Show results", classes: "govuk-button govuk-button--secondary moj-filter__close" },
    closeButtonContainer: { selector: ".moj-filter__header-action" },
  });
}

// On a phone, "Apply filters" shows the results: the panel closes and the results'
// heading takes the focus once they have arrived (ticking a box leaves the panel open).
let showResultsAfterSwap = false;
const form = document.querySelector("form.psd-filters");
if (form && toggle && toggle.mq) {
  form.addEventListener("submit", () => {
    if (!toggle.mq.matches) {
      showResultsAfterSwap = true;
      toggle.hideMenu();
    }
  });
}
document.body.addEventListener("htmx:afterSettle", () => {
  if (!showResultsAfterSwap) {
    return;
  }
  showResultsAfterSwap = false;
  const heading = document.getElementById("match-count");
  if (heading) {
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }
});

// Only the parameters in use go into the request and the address bar
// (no "scoped_from=&scoped_to=").
document.body.addEventListener("htmx:configRequest", (event) => {
  const parameters = event.detail.parameters;
  for (const name of Object.keys(parameters)) {
    const value = parameters[name];
    if (value === "" || (Array.isArray(value) && value.every((v) => v === ""))) {
      delete parameters[name];
    }
  }
});
