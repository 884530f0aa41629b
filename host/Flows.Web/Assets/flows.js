// Flows: small progressive enhancement. Every screen works without this file; it only saves clicks
// and shows problems sooner. Served from the host itself (the Content-Security-Policy allows nothing else).
(function () {
  "use strict";

  // A pick made with the mouse or a finger shows the chosen account at once. From the keyboard, arrow
  // keys change a closed dropdown's value as they move, so there the "Show" button decides (WCAG 3.2.2).
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    var select = form.querySelector("select");
    if (!select) { return; }
    var pointer = false;
    select.addEventListener("pointerdown", function () { pointer = true; });
    select.addEventListener("keydown", function () { pointer = false; });
    select.addEventListener("change", function () { if (pointer) { form.submit(); } });
  });

  // A variant chooser shows only the chosen option's fields; the others stay in the page, untouched.
  document.querySelectorAll("fieldset.variant").forEach(function (set) {
    var radios = Array.prototype.filter.call(set.querySelectorAll("input[type=radio]"), function (r) { return r.closest("fieldset.variant") === set; });
    function sync() {
      var chosen = radios.filter(function (r) { return r.checked; })[0];
      var index = chosen ? chosen.value : "0";
      Array.prototype.forEach.call(set.children, function (child) {
        if (child.classList && child.classList.contains("option")) { child.hidden = child.getAttribute("data-option") !== index; }
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", sync); });
    sync();
  });

  function labelOf(input) {
    var label = input.id ? document.querySelector("label[for='" + input.id + "']") : null;
    return label ? label.textContent.replace(/\*\s*$/, "").trim() : "This field";
  }

  function messageFor(input) {
    var v = input.validity;
    if (v.valueMissing) { return labelOf(input) + " is required."; }
    if (v.typeMismatch && input.type === "url") { return "Enter a full URL, such as https://login.salesforce.com."; }
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
    if (!existing) {
      existing = document.createElement("p");
      existing.className = "error";
      existing.id = id;
      existing.setAttribute("data-client", "");
      existing.setAttribute("role", "alert");
      input.parentNode.insertBefore(existing, input);
    }
    existing.textContent = messageFor(input);
    describe(input, id, true);
    input.setAttribute("aria-invalid", "true");
  }

  document.querySelectorAll("form.account-form").forEach(function (form) {
    form.addEventListener("focusout", function (e) {
      if (e.target.matches("input, select, textarea")) { e.target.setAttribute("data-touched", ""); check(e.target); }
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
        var firstBad = fields.filter(function (f) { return f.getAttribute("aria-invalid") === "true" && f.id && document.getElementById(f.id + "-error") && document.getElementById(f.id + "-error").hasAttribute("data-client"); })[0];
        if (firstBad) { e.preventDefault(); firstBad.focus(); return; }
      }
      if (form.getAttribute("aria-busy") === "true") { e.preventDefault(); return; }
      form.setAttribute("aria-busy", "true");
      var busy = form.querySelector(".busy");
      if (busy && submitter && submitter.getAttribute("data-busy")) { busy.textContent = submitter.getAttribute("data-busy"); }
      // Disabled after this tick, so the pressed button's name and value are still posted.
      setTimeout(function () { form.querySelectorAll("button").forEach(function (b) { b.disabled = true; }); }, 0);
    });
  });

  // One-button forms (Validate, Delete, Enable…): pressed once, they say what is happening and wait.
  document.querySelectorAll("form.inline").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (form.getAttribute("aria-busy") === "true") { e.preventDefault(); return; }
      form.setAttribute("aria-busy", "true");
      var button = form.querySelector("button");
      if (button && button.getAttribute("data-busy")) {
        button.setAttribute("data-label", button.textContent);
        button.textContent = button.getAttribute("data-busy");
      }
      setTimeout(function () { if (button) { button.disabled = true; } }, 0);
    });
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
    var conditionals = form.querySelectorAll("[data-when]");
    if (!conditionals.length) { return; }
    function sync() {
      conditionals.forEach(function (c) {
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
