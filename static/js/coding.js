// Progressive enhancement for the coding page: selecting a passage of the
// transcript fills in its start and end offsets. Without this file the form
// still works with typed offsets or a pasted quote.
const transcript = document.getElementById("transcript");
const form = document.getElementById("excerpt-form");

// The server counts characters as Unicode code points (Python); the DOM counts
// UTF-16 units, which differ for emoji and other astral characters.
const codePoints = (text) => Array.from(text).length;

function offsetOf(node, offset) {
  const range = document.createRange();
  range.setStart(transcript, 0);
  range.setEnd(node, offset);
  return codePoints(range.toString());
}

function showSelection() {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  if (!transcript.contains(range.startContainer) || !transcript.contains(range.endContainer)) {
    return;
  }
  const from = offsetOf(range.startContainer, range.startOffset);
  const to = offsetOf(range.endContainer, range.endOffset);
  if (to <= from) return;
  form.elements.start.value = from;
  form.elements.end.value = to;
  form.elements.quote.value = "";
  const preview = document.getElementById("selection-preview");
  preview.textContent = `Selected characters ${from}–${to}: “${range.toString()}”`;
  preview.hidden = false;
}

if (transcript && form) {
  transcript.addEventListener("mouseup", showSelection);
  transcript.addEventListener("keyup", showSelection);
  document.getElementById("selection-help").textContent =
    "Select a passage in the transcript, choose its themes and save. You can still type the offsets or paste the passage instead.";
}

if (transcript) {
  // A coded passage leads to its excerpt in the table below.
  transcript.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-excerpts]");
    if (mark && document.getSelection().isCollapsed) {
      const first = mark.dataset.excerpts.split(" ")[0];
      document.getElementById(`excerpt-${first}`)?.scrollIntoView({ behavior: "smooth" });
    }
  });
}

// The theme picker: a search box over the codebook that hides the themes (and
// parent groups) that do not match. Without this the full, grouped list shows.
const picker = document.querySelector("[data-module=psd-theme-picker]");
if (picker) {
  const box = picker.querySelector(".psd-theme-search");
  const input = picker.querySelector("#theme-search");
  const none = picker.querySelector("#theme-search-none");
  box.hidden = false;
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const group of picker.querySelectorAll(".psd-theme-group")) {
      let inGroup = 0;
      for (const option of group.querySelectorAll(".psd-theme-option")) {
        const text = option.dataset.search;
        const match = words.every((word) => text.includes(word));
        option.hidden = !match;
        if (match) inGroup += 1;
      }
      group.hidden = inGroup === 0;
      // While searching, open every group with a match; after, fold them back.
      group.open = words.length ? inGroup > 0 : group.hasAttribute("data-open");
      shown += inGroup;
    }
    none.hidden = shown > 0;
  });
}
