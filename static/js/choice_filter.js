// A long choice list (more than 50 options) gets a text box that narrows it: type part of a
// name and the list keeps only the options containing it, the first of them chosen.
// Progressive enhancement only: without this file the plain <select> works as ever.
// Used on selects marked data-choice-filter (e.g. interview step 1's organisation).
"use strict";
(function () {
  const LONG_LIST = 50;

  function fold(text) {
    return text.toLocaleLowerCase("en-GB").replace(/&/g, "and").replace(/\s+/g, " ").trim();
  }

  function enhance(select) {
    const all = Array.from(select.options);
    if (all.length <= LONG_LIST || select.dataset.choiceFilterReady) {
      return;
    }
    select.dataset.choiceFilterReady = "true";
    const blank = all.filter((option) => option.value === "");
    const id = select.id + "-filter";
    const group = document.createElement("div");
    group.className = "psd-choice-filter";
    const label = document.createElement("label");
    label.className = "govuk-label govuk-label--s";
    label.htmlFor = id;
    label.textContent = "Narrow the list: type part of the name";
    const input = document.createElement("input");
    input.className = "govuk-input";
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.spellcheck = false;
    const status = document.createElement("p");
    status.className = "govuk-hint psd-choice-filter__status";
    status.id = id + "-status";
    status.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", status.id);
    input.setAttribute("aria-controls", select.id);
    group.append(label, input, status);
    select.before(group);

    input.addEventListener("input", function () {
      const wanted = fold(input.value);
      const chosen = select.value;
      const matching = all.filter(
        (option) => option.value !== "" && (!wanted || fold(option.text).includes(wanted))
      );
      select.replaceChildren(...blank, ...(matching.length ? matching : all.filter((o) => o.value !== "")));
      if (!wanted) {
        select.value = chosen;
        status.textContent = "";
        return;
      }
      if (!matching.length) {
        select.value = chosen;
        status.textContent = "No name contains “" + input.value + "”: the whole list is shown.";
        return;
      }
      if (!matching.some((option) => option.value === chosen)) {
        select.value = matching[0].value;
      }
      const picked = select.options[select.selectedIndex];
      status.textContent =
        matching.length + " of " + (all.length - blank.length) + " match; chosen: " + picked.text + ".";
    });
  }

  document.querySelectorAll("select[data-choice-filter]").forEach(enhance);
})();
