// Schema forms: small progressive enhancement. Every form works without this file; it only saves
// clicks and shows problems sooner. Load it as a file (no inline script), so a strict
// Content-Security-Policy (script-src 'self') is enough.
(function () {
  "use strict";

  // A variant chooser shows only the chosen option's fields; the others stay in the page, untouched.
  function syncVariant(set) {
    var radios = Array.prototype.filter.call(set.querySelectorAll("input[type=radio]"), function (r) { return r.closest("fieldset.variant") === set && !r.closest(".choice-radios"); });
    var chosen = radios.filter(function (r) { return r.checked; })[0];
    var index = chosen ? chosen.value : "0";
    Array.prototype.forEach.call(set.children, function (child) {
      if (child.classList && child.classList.contains("option")) { child.hidden = child.getAttribute("data-option") !== index; }
    });
  }
  document.addEventListener("change", function (e) {
    var set = e.target.matches && e.target.matches("input[type=radio]") && !e.target.closest(".choice-radios") ? e.target.closest("fieldset.variant") : null;
    if (set) { syncVariant(set); }
  });

  // What the script adds to a part of the page (all of it at first, then each row it adds).
  function enhance(root) {
    if (root.matches && root.matches("fieldset.variant")) { syncVariant(root); }
    root.querySelectorAll("fieldset.variant").forEach(syncVariant);
    root.querySelectorAll("button[data-reveal], .pem-file").forEach(function (el) { el.hidden = false; });
  }
  enhance(document);

  function labelOf(input) {
    var label = input.id ? document.querySelector("label[for='" + input.id + "']") : null;
    // Radio buttons are named by their set's legend.
    var legend = !label && input.type === "radio" && input.closest("fieldset") ? input.closest("fieldset").querySelector("legend") : null;
    var named = label || legend;
    return named ? named.textContent.replace(/\*\s*$/, "").trim() : "This field";
  }

  function messageFor(input) {
    var v = input.validity;
    if (v.valueMissing) { return labelOf(input) + " is required."; }
    if (v.typeMismatch && input.type === "url") { return "Enter a full URL, such as https://example.com."; }
    if (v.typeMismatch && input.type === "email") { return "Enter an email address, such as name@example.com."; }
    if (v.badInput && input.type === "number") { return "Enter a number."; }
    return input.validationMessage;
  }

  function describe(input, id, add) {
    var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
    if (add) { ids.push(id); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
  }

  // Problems show once a field has been left (touched) or the form submitted, never while typing a first time.
  function check(input) {
    if (!input.id || input.type === "hidden" || input.type === "checkbox" || input.type === "radio") { return; }
    var id = input.id + "-error";
    var existing = document.getElementById(id);
    if (existing && !existing.hasAttribute("data-client")) { return; } // The server's message stays until the next post.
    if (input.checkValidity()) {
      if (existing) { existing.remove(); }
      describe(input, id, false);
      input.removeAttribute("aria-invalid");
      return;
    }
    existing = existing || clientError(id, function (p) { input.parentNode.insertBefore(p, input); });
    existing.textContent = messageFor(input);
    describe(input, id, true);
    input.setAttribute("aria-invalid", "true");
  }

  // A message the script shows (the server's own are never replaced by it), placed by the caller.
  function clientError(id, place) {
    var p = document.createElement("p");
    p.className = "error";
    p.id = id;
    p.setAttribute("data-client", "");
    p.setAttribute("role", "alert");
    place(p);
    return p;
  }

  // A required list left without rows, or a required set of choices with none ticked, says so beside
  // it, as the server would; returns the lists that do.
  function checkLists(form) {
    return Array.prototype.filter.call(form.querySelectorAll("fieldset.list[data-required], fieldset.choice-set[data-required]"), function (list) {
      if (list.closest("[hidden]")) { return false; }
      var id = list.id + "-error";
      var existing = document.getElementById(id);
      var choices = list.classList.contains("choice-set");
      var empty = choices ? list.querySelector("input[type=checkbox]:checked") === null : list.querySelector(":scope > .rows > .row") === null;
      if (existing && !existing.hasAttribute("data-client")) { return empty; }
      if (!empty) {
        if (existing) { existing.remove(); describe(list, id, false); }
        return false;
      }
      existing = existing || clientError(id, function (p) { list.querySelector(":scope > legend").after(p); });
      existing.textContent = list.querySelector(":scope > legend").textContent.replace(/\*\s*$/, "").trim() + (choices ? " is required: choose at least one." : " is required: add a row.");
      describe(list, id, true);
      return true;
    });
  }

  // Ticking a choice takes back the set's "choose at least one".
  document.addEventListener("change", function (e) {
    var set = e.target.closest ? e.target.closest("fieldset.choice-set[data-required]") : null;
    if (set && set.form && document.getElementById(set.id + "-error")) { checkLists(set.form); }
  });

  document.querySelectorAll("form.schema-form").forEach(function (form) {
    form.addEventListener("focusout", function (e) {
      if (!e.target.matches("input, select, textarea")) { return; }
      e.target.setAttribute("data-touched", "");
      // Leaving for a button: a message appearing now would push the button away between press and
      // release and swallow the click ("Add a row" twice in a row); the submit checks everything anyway.
      if (e.relatedTarget && e.relatedTarget.matches && e.relatedTarget.matches("button")) { return; }
      check(e.target);
    });
    form.addEventListener("input", function (e) {
      if (e.target.hasAttribute("data-touched")) { check(e.target); }
    });

    form.addEventListener("submit", function (e) {
      var submitter = e.submitter;
      var action = submitter ? submitter.value : "";
      if (action === "save-and-validate" || action === "apply") {
        var fields = Array.prototype.filter.call(form.querySelectorAll("input, select, textarea"), function (f) {
          return !f.closest("[hidden]");
        });
        fields.forEach(check);
        var emptyList = checkLists(form)[0];
        var firstBad = fields.filter(function (f) { return f.getAttribute("aria-invalid") === "true" && f.id && document.getElementById(f.id + "-error") && document.getElementById(f.id + "-error").hasAttribute("data-client"); })[0];
        if (!firstBad && emptyList) {
          e.preventDefault();
          if (emptyList.closest("details")) { emptyList.closest("details").open = true; }
          emptyList.querySelector(":scope > button[name=add-row], input[type=checkbox]").focus();
          return;
        }
        if (firstBad) {
          e.preventDefault();
          var folded = firstBad.closest("details");
          if (folded) { folded.open = true; }
          firstBad.focus();
          return;
        }
      }
      if (form.getAttribute("aria-busy") === "true") { e.preventDefault(); return; }
      form.setAttribute("aria-busy", "true");
      var busy = form.querySelector(".busy");
      if (busy && submitter && submitter.getAttribute("data-busy")) { busy.textContent = submitter.getAttribute("data-busy"); }
      // Disabled after this tick, so the pressed button's name and value are still posted.
      setTimeout(function () { form.querySelectorAll("button").forEach(function (b) { b.disabled = true; }); }, 0);
    });
  });

  // Lists: rows added and removed in place, so nothing typed (secrets included) leaves the page. The
  // blank row in each list's <template> has "[]" where the index goes; without this script the
  // same buttons post the form and the server adds or removes the row.
  function idOf(path) {
    var id = "f-";
    for (var i = 0; i < path.length; i++) {
      var c = path.charAt(i);
      id += /[A-Za-z0-9]/.test(c) ? c : "_" + ("000" + path.charCodeAt(i).toString(16)).slice(-4);
    }
    return id;
  }

  function renumber(root, from, to) {
    var idFrom = idOf(from), idTo = idOf(to);
    function swap(text, prefix, replacement) { return text.indexOf(prefix) === 0 ? replacement + text.slice(prefix.length) : text; }
    var names = ["name", "data-when", "data-list"];
    var ids = ["id", "for", "aria-describedby", "aria-controls", "data-reveal", "data-pem-for"];
    var elements = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
    elements.forEach(function (el) {
      names.forEach(function (a) { if (el.hasAttribute(a)) { el.setAttribute(a, swap(el.getAttribute(a), from, to)); } });
      if (el.tagName === "BUTTON" && el.hasAttribute("value")) { el.setAttribute("value", swap(el.getAttribute("value"), from, to)); }
      ids.forEach(function (a) {
        if (el.hasAttribute(a)) {
          el.setAttribute(a, el.getAttribute(a).split(" ").map(function (t) { return swap(t, idFrom, idTo); }).join(" "));
        }
      });
      // A list inside the row has a blank row of its own, outside the document tree.
      if (el.tagName === "TEMPLATE") { Array.prototype.forEach.call(el.content.children, function (c) { renumber(c, from, to); }); }
    });
  }

  function firstInput(root) {
    return root.querySelector("input:not([type=hidden]):not([hidden]), select, textarea, button:not([hidden])");
  }

  function ownRows(list) { return list.querySelector(":scope > .rows"); }

  function say(list, text) {
    var status = list.querySelector(":scope > [data-row-status]");
    if (status) { status.textContent = text; }
  }

  // "Add a row" is offered only while the list is shorter than its maxItems.
  function offerAdding(list) {
    var most = parseInt(list.getAttribute("data-max-items"), 10);
    var button = list.querySelector(":scope > button[name=add-row]");
    var rows = ownRows(list);
    if (!button || !rows || isNaN(most)) { return false; }
    button.hidden = rows.children.length >= most;
    return button.hidden;
  }

  function addRow(list, button) {
    var template = list.querySelector(":scope > template.row-template");
    var rows = ownRows(list);
    if (!template || !rows || !template.content.firstElementChild) { return false; }
    var path = list.getAttribute("data-list");
    var next = parseInt(button.getAttribute("data-next"), 10) || 0;
    var row = template.content.firstElementChild.cloneNode(true);
    renumber(row, path + "[]", path + "[" + next + "]");
    var remove = row.querySelector(":scope > button[name=remove-row]");
    var name = remove ? remove.textContent.replace(/^Remove\s*/, "").trim() + " " + (next + 1) : "Row " + (next + 1);
    if (remove) { remove.textContent = "Remove " + name; }
    rows.appendChild(row);
    var said = document.getElementById(list.id + "-error");
    if (said && said.hasAttribute("data-client")) { said.remove(); describe(list, list.id + "-error", false); }
    button.setAttribute("data-next", String(next + 1));
    enhance(row);
    row.dispatchEvent(new Event("change", { bubbles: true }));
    var first = firstInput(row);
    if (first) { first.focus(); }
    say(list, name + " added." + (offerAdding(list) ? " No more rows can be added." : ""));
    return true;
  }

  function removeRow(list, button) {
    var row = button.closest(".row");
    var rows = ownRows(list);
    if (!row || !rows || row.parentNode !== rows) { return false; }
    var siblings = Array.prototype.slice.call(rows.children);
    var at = siblings.indexOf(row);
    var name = button.textContent.replace(/^Remove\s*/, "").trim();
    row.remove();
    offerAdding(list);
    // The focus goes to the row that took its place, else the one before, else "Add a row".
    var next = siblings[at + 1] || siblings[at - 1];
    var target = next ? firstInput(next) : list.querySelector(":scope > button[name=add-row]");
    if (target) { target.focus(); }
    list.dispatchEvent(new Event("change", { bubbles: true }));
    say(list, name + " removed.");
    return true;
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button[name=add-row], button[name=remove-row]") : null;
    if (!button) { return; }
    var list = button.closest("fieldset.list");
    if (!list) { return; }
    var done = button.name === "add-row" ? addRow(list, button) : removeRow(list, button);
    if (done) { e.preventDefault(); }
  });

  // A multi-line secret is masked by the stylesheet; this shows it on request and masks it again.
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button[data-reveal]") : null;
    var field = button ? document.getElementById(button.getAttribute("data-reveal")) : null;
    if (!field) { return; }
    var shown = field.classList.toggle("revealed");
    button.setAttribute("aria-pressed", shown ? "true" : "false");
    button.textContent = button.textContent.replace(/^(Show|Hide)/, shown ? "Hide" : "Show");
  });

  // A certificate or key read from a file into its text area; the text stays in the browser until posted.
  var largestPem = 64 * 1024;
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("input[type=file][data-pem-for]")) { return; }
    var target = document.getElementById(input.getAttribute("data-pem-for"));
    var status = input.parentNode.querySelector(".pem-status");
    var file = input.files && input.files[0];
    function tell(text) { if (status) { status.textContent = text; } }
    if (!target || !file) { return; }
    if (file.size > largestPem) {
      tell(file.name + " is " + Math.ceil(file.size / 1024) + " KB; a certificate or key file is at most 64 KB. Pick the PEM file itself, or paste its contents.");
      input.value = "";
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var text = String(reader.result || "");
      if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) {
        tell(file.name + " is not PEM text (it has no -----BEGIN line). Pick the .pem file, or paste its contents.");
        input.value = "";
        return;
      }
      target.value = text;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      tell(file.name + " read.");
    };
    reader.onerror = function () { tell(file.name + " could not be read. Paste its contents instead."); };
    reader.readAsText(file);
  });

  // After a refused post, the summary gets focus so a screen reader says what happened.
  var summary = document.getElementById("summary");
  if (summary) { summary.focus(); }
})();

// Conditional fields follow the field they depend on; without this script they are all shown.
(function () {
  "use strict";
  function valueOf(form, name) {
    var found = form.querySelectorAll("[name='" + name.replace(/'/g, "\\'") + "']");
    var value = "";
    Array.prototype.forEach.call(found, function (el) {
      if (el.type === "checkbox") { value = el.checked ? "true" : "false"; }
      else if (el.type === "radio") { if (el.checked) { value = el.value; } }
      else if (el.type !== "hidden" || found.length === 1) { value = el.value; }
    });
    return value;
  }
  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("[data-when], fieldset.list")) { return; }
    // Looked up each time: rows added by the script bring conditionals of their own.
    function sync() {
      form.querySelectorAll("[data-when]").forEach(function (c) {
        var values = JSON.parse(c.getAttribute("data-when-values") || "[]");
        var holds = values.indexOf(valueOf(form, c.getAttribute("data-when"))) >= 0;
        c.hidden = c.hasAttribute("data-when-not") ? holds : !holds;
      });
    }
    form.addEventListener("change", sync);
    sync();
  });

  // Back to a page that was being submitted: the buttons work again.
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted) { return; }
    document.querySelectorAll("form[aria-busy=true]").forEach(function (form) {
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button").forEach(function (b) {
        b.disabled = false;
        if (b.hasAttribute("data-label")) { b.textContent = b.getAttribute("data-label"); }
      });
      var busy = form.querySelector(".busy");
      if (busy) { busy.textContent = ""; }
    });
  });
})();
