// The Register form: checks with the constraints the build copied from the coalition schema
// (required, lengths, patterns, choices, formats), then writes the coalition's YAML file.
(function () {
  "use strict";
  var form = document.getElementById("register-form");
  if (!form) return;
  var rules = JSON.parse(form.getAttribute("data-rules"));
  var existing = JSON.parse(form.getAttribute("data-existing"));
  var counters = { member: 0, milestone: 0 };

  function addRow(kind) {
    counters[kind] += 1;
    var template = document.getElementById(kind + "-row").innerHTML;
    var container = document.getElementById(kind + "-rows");
    var html = template.split("__i__").join(String(counters[kind]));
    html = html.split("__n__").join(String(container.children.length + 1));
    container.insertAdjacentHTML("beforeend", html);
    var row = container.lastElementChild;
    row.querySelector(".impact-remove").addEventListener("click", function () { row.remove(); });
    return row;
  }
  document.getElementById("add-member").addEventListener("click", function () { addRow("member"); });
  document.getElementById("add-milestone").addEventListener("click", function () { addRow("milestone"); });
  addRow("member");
  addRow("milestone");
  addRow("milestone");

  function errorBox(control) {
    return document.getElementById(control.id + "-error");
  }
  function complain(control, message) {
    var box = errorBox(control);
    if (box) box.textContent = message;
    if (control.setAttribute) control.setAttribute("aria-invalid", "true");
    return message;
  }
  function explain(control) {
    var v = control.validity;
    var label = form.querySelector("label[for='" + control.id + "']");
    var name = label ? label.textContent.replace(" (required)", "") : "This field";
    if (v.valueMissing) return name + " is required.";
    if (v.tooShort) return name + " needs at least " + control.minLength + " characters (now " + control.value.length + ").";
    if (v.tooLong) return name + " may have at most " + control.maxLength + " characters.";
    if (v.patternMismatch) {
      if (control.getAttribute("data-field") === "id") return "Use lower-case letters, digits and single hyphens, e.g. ocean-futures.";
      return name + " is not in the expected form.";
    }
    if (v.typeMismatch) return name + " is not a valid " + (control.type === "email" ? "e-mail address." : "value.");
    return control.validationMessage;
  }
  function field(row, path) {
    var control = row.querySelector("[data-field='" + path + "']");
    return control ? control.value.trim() : "";
  }

  function check() {
    var problems = [];
    form.querySelectorAll(".impact-error").forEach(function (box) { box.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
    form.querySelectorAll("input[data-field], select[data-field], textarea[data-field]").forEach(function (control) {
      if (!control.checkValidity()) problems.push(complain(control, explain(control)));
    });
    var id = document.getElementById("f-id");
    var wanted = id.value.trim();
    if (wanted && existing.indexOf(wanted) >= 0) {
      problems.push(complain(id, "This id is taken by a registered coalition: choose another one."));
    } else if (wanted && (rules.reserved_ids.indexOf(wanted) >= 0 ||
        rules.reserved_id_patterns.some(function (p) { return new RegExp(p).test(wanted); }))) {
      problems.push(complain(id, "This id is reserved for the site's own pages and badges: choose another one."));
    }
    var objectives = document.getElementById("f-objectives");
    objectives.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean).forEach(function (line) {
      if (line.length < rules.objectives.minLength || line.length > rules.objectives.maxLength) {
        problems.push(complain(objectives, "Each objective needs " + rules.objectives.minLength + " to " +
          rules.objectives.maxLength + " characters; this one has " + line.length + ": " + line.slice(0, 40)));
      }
    });
    if (!form.querySelector("input[name='themes']:checked")) {
      problems.push(complain(document.getElementById("f-themes"), "Choose at least one theme."));
    }
    var members = document.querySelectorAll("#member-rows > .impact-row");
    if (!members.length) problems.push(complain(document.getElementById("add-member"), "Add at least one member."));
    members.forEach(function (row) {
      var constituency = row.querySelector("[data-field='members.constituency']");
      if (rules.civil_society_sectors.indexOf(field(row, "members.sector")) >= 0 && !constituency.value) {
        problems.push(complain(constituency, "A civil society actor needs a constituency."));
      }
    });
    var maintainers = document.getElementById("f-maintainers");
    var handle = new RegExp(rules.maintainers.pattern);
    maintainers.value.split(",").map(function (s) { return s.trim().replace(/^@/, ""); }).filter(Boolean)
      .forEach(function (name) {
        if (!handle.test(name)) problems.push(complain(maintainers, "'" + name + "' is not a GitHub user name."));
      });
    if (!maintainers.value.trim()) problems.push(complain(maintainers, "Name at least one GitHub user who may edit the entry."));
    if (form.querySelectorAll("input[name='commitments']:checked").length < 3) {
      problems.push(complain(document.getElementById("f-commitments"), "All three commitments are needed."));
    }
    return problems;
  }

  // JSON strings are valid YAML double-quoted scalars: no entry text can change the file's structure.
  function q(text) { return JSON.stringify(text); }
  function toYaml() {
    var v = function (id) { return document.getElementById(id).value.trim(); };
    var out = ["# yaml-language-server: $schema=../../schema/coalition.schema.json", "schema_version: 1",
      "id: " + q(v("f-id")), "name: " + q(v("f-name"))];
    if (v("f-acronym")) out.push("acronym: " + q(v("f-acronym")));
    out.push("summary: " + q(v("f-summary").replace(/\s+/g, " ")));
    out.push("themes:");
    form.querySelectorAll("input[name='themes']:checked").forEach(function (c) { out.push("  - " + q(c.value)); });
    out.push("objectives:");
    v("f-objectives").split("\n").map(function (s) { return s.trim(); }).filter(Boolean)
      .forEach(function (line) { out.push("  - " + q(line)); });
    out.push("members:");
    document.querySelectorAll("#member-rows > .impact-row").forEach(function (row) {
      out.push("  - name: " + q(field(row, "members.name")));
      out.push("    country: " + q(field(row, "members.country")));
      out.push("    sector: " + q(field(row, "members.sector")));
      if (field(row, "members.constituency")) out.push("    constituency: " + q(field(row, "members.constituency")));
    });
    var engagement = [["member_states", "f-engagement-member-states"], ["un_agencies", "f-engagement-un-agencies"],
      ["support_needed", "f-engagement-support-needed"]].filter(function (e) { return v(e[1]); });
    out.push(engagement.length ? "engagement:" : "engagement: {}");
    engagement.forEach(function (e) { out.push("  " + e[0] + ": " + q(v(e[1]).replace(/\s+/g, " "))); });
    var milestones = Array.prototype.filter.call(document.querySelectorAll("#milestone-rows > .impact-row"),
      function (row) { return field(row, "workplan.date") || field(row, "workplan.title"); });
    out.push(milestones.length ? "workplan:" : "workplan: []");
    milestones.forEach(function (row) {
      out.push("  - date: " + q(field(row, "workplan.date")));
      out.push("    title: " + q(field(row, "workplan.title")));
    });
    out.push("contact:", "  email: " + q(v("f-contact-email")),
      "  public: " + (document.getElementById("f-contact-public").checked ? "true" : "false"));
    out.push("maintainers:");
    v("f-maintainers").split(",").map(function (s) { return s.trim().replace(/^@/, ""); }).filter(Boolean)
      .forEach(function (name) { out.push("  - " + q(name)); });
    out.push("commitments:", "  transparency: true", "  accountability: true", "  inclusivity: true");
    return out.join("\n") + "\n";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var problems = check();
    var summary = document.getElementById("register-summary");
    var output = document.getElementById("register-output");
    if (problems.length) {
      summary.textContent = problems.length + " thing" + (problems.length > 1 ? "s" : "") +
        " to fix: see the messages next to the fields.";
      output.hidden = true;
      var first = form.querySelector("[aria-invalid='true']");
      if (first && first.focus) first.focus();
      return;
    }
    summary.textContent = "";
    var yaml = toYaml();
    var id = document.getElementById("f-id").value.trim();
    var filename = "registry/coalitions/" + id + ".yml";
    document.getElementById("register-yaml").value = yaml;
    document.getElementById("register-filename").textContent = filename;
    document.getElementById("open-github").href = form.getAttribute("data-repository") + "/new/" +
      form.getAttribute("data-branch") + "?filename=" + encodeURIComponent(filename) +
      "&value=" + encodeURIComponent(yaml);
    output.hidden = false;
    output.scrollIntoView();
  });
  document.getElementById("copy-yaml").addEventListener("click", function () {
    var text = document.getElementById("register-yaml");
    text.select();
    if (navigator.clipboard) navigator.clipboard.writeText(text.value);
  });
})();
