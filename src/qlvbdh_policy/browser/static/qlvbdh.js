/* qlvbdh_policy: Plone's ordered selection widget (two lists and arrow
   buttons) under the site's Content-Security-Policy, which refuses inline
   event handlers and inline scripts: its buttons' onclick and its initial
   copy of the chosen values into the form never ran, so nothing could be
   chosen and an edit form sent the field empty. The same functions of
   ++resource++orderedselect_input.js are bound here instead. */
(function () {
  "use strict";
  var ACTIONS = {from2toButton: "from2to", to2fromButton: "to2from",
                 upButton: "moveUp", downButton: "moveDown"};

  function bind() {
    var fields = document.querySelectorAll(".ordered-selection-field[id]");
    Array.prototype.forEach.call(fields, function (field) {
      if (typeof window.copyDataForSubmit !== "function" || field.dataset.qlvbdhBound) {
        return;
      }
      field.dataset.qlvbdhBound = "1";
      Array.prototype.forEach.call(field.querySelectorAll("button[name]"), function (button) {
        var action = ACTIONS[button.name];
        if (!action) {
          return;
        }
        button.removeAttribute("onclick");  // never twice where inline code may run
        button.addEventListener("click", function (event) {
          event.preventDefault();
          window[action](field.id);
        });
      });
      window.copyDataForSubmit(field.id);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();
