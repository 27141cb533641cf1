// The explorer works without this script; it only helps: it moves focus to a list of errors so a screen reader
// announces it, wires the print buttons (no inline handlers: the Content Security Policy forbids them), and opens
// the stored request and response before printing so a printed decision includes them.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
  document.querySelectorAll('button[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      window.print();
    });
  });
});
window.addEventListener('beforeprint', function () {
  document.querySelectorAll('details.print-open').forEach(function (details) {
    details.open = true;
  });
});
