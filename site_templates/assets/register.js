// The Register form. The build (generator/site/register.py) gives each control the coalition schema's
// constraints, and data-rules the rest: item limits, reserved ids, the UN Regional Groups and criteria.yml.
// The script checks the answers as the validator would, then writes the coalition file as the Python writer
// (generator/intake/entry.py) writes the same answers, byte for byte (tests/test_intake_channels.py).
(function () {
  "use strict";
  var form = document.getElementById("register-form");
  if (!form) return;
  var rules = JSON.parse(form.getAttribute("data-rules"));
  var existing = JSON.parse(form.getAttribute("data-existing"));
  var invisible = new RegExp(rules.invisible, "g");
  var groupOf = {};  // country code → its UN Regional Group
  Object.keys(rules.groups).forEach(function (group) {
    rules.groups[group].split(" ").forEach(function (code) { groupOf[code] = group; });
  });
  // What the script says: the page's words in its language (register.md.j2's #register-words, from
  // generator/site/register.py's SCRIPT_WORDS), each missing one in English. Format strings over names in braces.
  var ENGLISH = {
    "this_field": "This field",
    "not_a_date": "{field} is not a whole date: give the day, month and year.",
    "required": "{field} is required.",
    "too_short": "{field} needs at least {min} characters (now {count}).",
    "too_long": "{field} may have at most {max} characters.",
    "id_form": "Use lower-case letters, digits and single hyphens, e.g. ocean-futures.",
    "not_an_email": "{field} is not an e-mail address.",
    "not_a_url": "{field} is not a web address: write it whole, starting with https://",
    "not_in_form": "{field} is not in the expected form.",
    "out_of_range": "{field} must be between {min} and {max}.",
    "id_taken": "This id is taken by a registered coalition: choose another one.",
    "id_reserved": "This id is reserved for the site's own pages and badges: choose another one.",
    "objective_length": "Each objective needs {min} to {max} characters; this one has {count}: {start}",
    "no_theme": "Choose at least one theme.",
    "no_member": "Add at least one member.",
    "no_constituency": "A civil society actor needs a constituency.",
    "not_a_handle": "'{name}' is not a GitHub user name: a user name has 1 to {max} letters, digits and single " +
      "hyphens, not at its start or end.",
    "handles_not_separated": "'{name}' is not a GitHub user name: separate several with commas; a user name has 1 " +
      "to {max} letters, digits and single hyphens, not at its start or end.",
    "no_maintainer": "Name at least one GitHub user who may edit the entry.",
    "no_commitments": "All three commitments are needed.",
    "no_licence": "Agreeing to the data licence is needed: every entry is published as open data.",
    "member_title": "Member {number}",
    "milestone_title": "Milestone {number}",
    "remove_member": "Remove member {number}",
    "remove_milestone": "Remove milestone {number}",
    "remove_named_member": "Remove member {number}: {name}",
    "remove_named_milestone": "Remove milestone {number}: {name}",
    "meets_all": "It will be listed as meeting the ImPACT criteria: {count} of {all}.",
    "forming": "It will be listed as forming: it meets {count} of the {all} ImPACT criteria. Its page says what it " +
      "still needs; you can add members, plans and milestones later.",
    "enforced": "This registry requires all {all}: the check on GitHub refuses the file until they are met.",
    "met": "met",
    "still_needed": "still needed",
    "to_fix": {"forms": ["{count} thing to fix: see the messages next to the fields.",
      "{count} things to fix: see the messages next to the fields."]}
  };
  var words = {}, given = document.getElementById("register-words");
  try {
    given = given ? JSON.parse(given.textContent) : {};
  } catch (error) {
    given = {};  // a page whose words cannot be read still speaks, in English
  }
  Object.keys(ENGLISH).forEach(function (key) { words[key] = given[key] || ENGLISH[key]; });
  // A message with its names filled in; a value is never read again for names (a line may hold braces).
  function say(key, values) {
    var text = words[key];
    if (typeof text !== "string") {  // a message that names a count: its form for values.count
      var n = values.count, which = text.plural;  // the form of each count below 200, as register.py gives them
      var index = which ? Number(which.charAt(n < which.length ? n : 100 + n % 100)) : (n === 1 ? 0 : 1);
      text = text.forms[index] || text.forms[text.forms.length - 1];
    }
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  var counters = { member: 0, milestone: 0 };
  var checked = false;  // whether the messages are shown: from the first "Check and make the file" on
  var idTyped = false;  // whether the id was typed rather than made from the name

  function $(id) { return document.getElementById(id); }
  // An answer as the issue form's reader takes it (intake/issue_body.py): composed characters, no control
  // or invisible characters, white space as single spaces.
  function clean(text) {
    return text.normalize("NFC").replace(invisible, "").split(/\s+/).filter(Boolean).join(" ");
  }
  function value(control) { return control ? clean(control.value) : ""; }
  function lines(control) { return control.value.split("\n").map(clean).filter(Boolean); }
  function field(row, path) { return row.querySelector("[data-field='" + path + "']"); }
  function rows(kind) {
    return Array.prototype.slice.call(document.querySelectorAll("#" + kind + "-rows > .impact-row"));
  }
  function length(text) { return Array.from(text).length; }  // in characters, as the schema counts

  // generator/text.py's slug(): the Latin letters and digits, lower case, single hyphens, cut at a hyphen.
  function slug(text) {
    var max = rules.id_length[1];
    var joined = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    if (joined.length <= max) return joined;
    var head = joined.slice(0, max + 1);  // a hyphen right after the limit still ends a whole word
    return head.indexOf("-") >= 0 ? head.slice(0, head.lastIndexOf("-")) : joined.slice(0, max);
  }
  function suggestId() {
    var made = slug($("f-name").value);
    if (!idTyped) $("f-id").value = made.length >= rules.id_length[0] ? made : "";
  }

  // The fields a member needs besides the usual four: region for a country in no UN Regional Group (unless
  // global: its primary region counts), primary_region for a global organisation, constituency_other for Other.
  function conditions(row) {
    var scope = field(row, "members.scope").value, country = field(row, "members.country").value;
    show(row, "members.region", country !== "" && !groupOf[country] && scope !== "global");
    show(row, "members.primary_region", scope === "global");
    show(row, "members.constituency_other", field(row, "members.constituency").value === "other");
  }
  function show(row, path, needed) { field(row, path).closest(".impact-field").hidden = !needed; }

  function renumber(kind) {
    rows(kind).forEach(function (row, index) {
      var name = value(field(row, kind === "member" ? "members.name" : "workplan.title"));
      var button = row.querySelector(".impact-remove");
      var number = { number: index + 1, name: name };
      row.querySelector(".impact-row-title").textContent = say(kind + "_title", number);
      button.textContent = say("remove_" + kind, number);
      button.setAttribute("aria-label", name ? say("remove_named_" + kind, number) : button.textContent);
    });
  }
  function addRow(kind) {
    counters[kind] += 1;
    var html = $(kind + "-row").innerHTML.split("__i__").join(String(counters[kind]));
    $(kind + "-rows").insertAdjacentHTML("beforeend", html);
    var row = $(kind + "-rows").lastElementChild;
    row.querySelector(".impact-remove").addEventListener("click", function () {
      var before = row.previousElementSibling;
      row.remove();
      renumber(kind);
      (before ? before.querySelector(".impact-remove") : $("add-" + kind)).focus();
      if (checked) render(problems(), false);
    });
    if (kind === "member") conditions(row);
    renumber(kind);
    return row;
  }
  ["member", "milestone"].forEach(function (kind) {
    $("add-" + kind).addEventListener("click", function () { addRow(kind).querySelector("[data-field]").focus(); });
  });
  addRow("member");
  addRow("milestone");
  addRow("milestone");

  function labelOf(control) {  // the words of its label, without "(required)" in whichever language
    var label = form.querySelector("label[for='" + control.id + "']");
    if (!label) return say("this_field");
    var copy = label.cloneNode(true), mark = copy.querySelector(".impact-required");
    if (!mark) return copy.textContent;
    mark.remove();
    return copy.textContent.replace(/ $/, "");
  }
  // What is wrong with one control's answer, by the schema's constraints on it ("" if nothing).
  function explain(control) {
    var text = value(control), v = control.validity, n = length(text);
    var said = { field: labelOf(control), count: n, min: control.minLength, max: control.maxLength };
    if (v.badInput) return say("not_a_date", said);
    if (!text) return control.required ? say("required", said) : "";
    if (control.minLength > 0 && n < control.minLength) return say("too_short", said);
    if (control.maxLength > 0 && n > control.maxLength) return say("too_long", said);
    var pattern = control.getAttribute("data-pattern");  // the schema's: a search, as in JSON Schema
    var fits = !pattern || new RegExp(pattern, "u").test(text);
    if (!fits && control.id === "f-id") return say("id_form");
    if (!fits || v.typeMismatch) {
      if (control.type === "email") return say("not_an_email", said);
      if (control.type === "url") return say("not_a_url", said);
      return say("not_in_form", said);
    }
    if (v.rangeUnderflow || v.rangeOverflow) {
      return say("out_of_range", { field: said.field, min: control.min, max: control.max });
    }
    return "";
  }
  function handles() {  // as the Python channels take them (intake/checks.py): between commas, without @ or address
    var seen = [];
    return $("f-maintainers").value.split(",").map(function (word) {
      return clean(word).replace(/^https:\/\/github\.com\//, "").replace(/^\/+|\/+$/g, "").replace(/^@/, "");
    }).filter(function (word) {
      var key = word.toLowerCase();
      if (!word || seen.indexOf(key) >= 0) return false;
      seen.push(key);
      return true;
    });
  }
  function filledMilestones() {  // a row left empty is left out
    return rows("milestone").filter(function (row) {
      return field(row, "workplan.date").value || value(field(row, "workplan.title"));
    });
  }

  // Every problem as [the element whose message box says it, the message].
  function problems() {
    var found = [];
    function add(element, message) { if (message) found.push([element, message]); }
    var filled = filledMilestones();
    form.querySelectorAll("[data-field]").forEach(function (control) {
      var row = control.closest(".impact-row");
      if (control.type === "checkbox" || control.closest("[hidden]")) return;
      if (row && row.parentElement.id === "milestone-rows" && filled.indexOf(row) < 0) return;
      add(control, explain(control));
    });
    var id = $("f-id"), wanted = value(id);
    if (existing.indexOf(wanted) >= 0) add(id, say("id_taken"));
    if (rules.reserved_ids.indexOf(wanted) >= 0 ||
        rules.reserved_id_patterns.some(function (p) { return new RegExp(p).test(wanted); })) {
      add(id, say("id_reserved"));
    }
    var objectives = $("f-objectives"), limits = rules.objectives;
    lines(objectives).forEach(function (line) {
      if (length(line) < limits.minLength || length(line) > limits.maxLength) {
        add(objectives, say("objective_length", { min: limits.minLength, max: limits.maxLength, count: length(line),
          start: line.slice(0, 40) }));
      }
    });
    if (!form.querySelector("input[name='themes']:checked")) add($("f-themes"), say("no_theme"));
    if (!rows("member").length) add($("f-members"), say("no_member"));
    rows("member").forEach(function (row) {
      var constituency = field(row, "members.constituency");
      var civil = rules.criteria.civil_society_sectors.indexOf(field(row, "members.sector").value) >= 0;
      if (civil && !constituency.value) {
        add(constituency, say("no_constituency"));
      }
    });
    var maintainers = $("f-maintainers"), handle = new RegExp(rules.maintainers.pattern);
    handles().forEach(function (name) {
      if (!handle.test(name) || length(name) > rules.maintainers.maxLength) {
        add(maintainers, say(name.indexOf(" ") >= 0 ? "handles_not_separated" : "not_a_handle",
          { name: name, max: rules.maintainers.maxLength }));
      }
    });
    if (!handles().length) add(maintainers, say("no_maintainer"));
    if (form.querySelector("input[name='commitments']:not(:checked)")) {
      add($("f-commitments"), say("no_commitments"));
    }
    if (!$("f-agree-licence").checked) {
      add($("f-licence"), say("no_licence"));
    }
    return found;
  }
  // Shows the messages: all of them (`all`), or, while answers change, only those already shown, which
  // change or clear as their fields are fixed.
  function render(found, all) {
    var messages = {}, shown = 0;
    found.forEach(function (p) { messages[p[0].id] = (messages[p[0].id] ? messages[p[0].id] + " " : "") + p[1]; });
    form.querySelectorAll(".impact-error[id$='-error']").forEach(function (box) {
      var target = $(box.id.slice(0, -6));
      if (!target || (!all && !box.textContent)) return;
      box.textContent = messages[target.id] || "";
      if (box.textContent) {
        target.setAttribute("aria-invalid", "true");
        shown += 1;
      } else {
        target.removeAttribute("aria-invalid");
      }
    });
    var summary = shown ? say("to_fix", { count: shown }) : "";
    if ($("register-summary").textContent !== summary) $("register-summary").textContent = summary;
  }

  function answers() {
    var get = function (id) { return value($(id)); };
    var engagement = {};
    form.querySelectorAll("[data-field^='engagement.']").forEach(function (control) {  // in the schema's order
      if (value(control)) engagement[control.getAttribute("data-field").slice(11)] = value(control);
    });
    return {
      id: get("f-id"), name: get("f-name"), acronym: get("f-acronym"), summary: get("f-summary"),
      themes: Array.prototype.map.call(form.querySelectorAll("input[name='themes']:checked"), function (box) {
        return box.value;
      }),
      objectives: lines($("f-objectives")),
      members: rows("member").map(function (row) {
        var member = {};
        rules.member_keys.forEach(function (key) {
          var control = field(row, "members." + key);
          if (control && !control.closest("[hidden]") && value(control)) member[key] = value(control);
        });
        return member;
      }),
      engagement: engagement,
      workplan: filledMilestones().map(function (row) {
        return { date: field(row, "workplan.date").value, title: value(field(row, "workplan.title")) };
      }),
      email: get("f-contact-email"), public: $("f-contact-public").checked, maintainers: handles()
    };
  }

  // One string as ruamel.yaml writes it for entry.py: plain when a YAML 1.2 reader takes it back as the same
  // string, else in single quotes, else (with a ' in it, or a character to escape) in double quotes. The YAML
  // 1.1 words are single-quoted (entry.py: NO is Norway, not false). Answers are one line (clean()).
  var YAML11 = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;
  function whole() {  // one of the forms, matching the whole text
    var forms = Array.prototype.map.call(arguments, function (form) { return form.source; });
    return new RegExp("^(?:" + forms.join("|") + ")$");
  }
  var RESOLVED = [  // [first characters, form]: what a YAML 1.2 reader takes for another type (ruamel's resolver.py)
    ["tTfF", whole(/true|True|TRUE|false|False|FALSE/)],
    ["-+0123456789.", whole(/[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?/, /[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+/,
      /[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?/, /[-+]?\.(?:inf|Inf|INF)/, /\.(?:nan|NaN|NAN)/)],
    ["-+0123456789", whole(/[-+]?0b[0-1_]+/, /[-+]?0o?[0-7_]+/, /[-+]?[0-9_]+/, /[-+]?0x[0-9a-fA-F_]+/)],
    ["<", whole(/<</)], ["~nN", whole(/~|null|Null|NULL/)], ["=", whole(/=/)], ["!&*", whole(/[!&*]/)],
    ["0123456789", whole(/[0-9]{4}-[0-9]{2}-[0-9]{2}/,
      /[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?/)]
  ];
  function printable(c) {  // what ruamel.yaml writes as it is (allow_unicode)
    return c >= 0x20 && c <= 0x7e || c >= 0xa0 && c <= 0xd7ff || c >= 0xe000 && c <= 0xfffd && c !== 0xfeff ||
      c >= 0x10000;
  }
  function scalar(text, inFlow) {
    if (YAML11.test(text)) return "'" + text + "'";
    var chars = Array.from(text), flow = /^(?:---|\.\.\.)/.test(text), block = flow, special = false;
    chars.forEach(function (ch, i) {  // emitter.py's analyze_scalar, for one line without leading or trailing space
      var after = i + 1 >= chars.length || chars[i + 1] === " ";
      if (i === 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0 || (ch === "-" && after)) flow = block = true;
        if ((ch === "?" || ch === ":") && chars.length === 1) flow = true;
        if ((ch === "?" || ch === ":") && after) block = true;
      } else {
        if (",[]{}".indexOf(ch) >= 0) flow = true;
        if ((ch === ":" && after) || (ch === "#" && chars[i - 1] === " ")) flow = block = true;
      }
      if (!printable(ch.codePointAt(0))) special = true;
    });
    var resolved = RESOLVED.some(function (r) { return r[0].indexOf(text.charAt(0)) >= 0 && r[1].test(text); });
    if (!special && !resolved && !(inFlow ? flow : block)) return text;
    if (!special && text.indexOf("'") < 0) return "'" + text + "'";
    return '"' + chars.map(function (ch) {
      var c = ch.codePointAt(0), hex = c.toString(16).toUpperCase();
      if (ch === '"' || ch === "\\") return "\\" + ch;
      if (printable(c)) return ch;
      var digits = c <= 0xff ? 2 : c <= 0xffff ? 4 : 8;
      return "\\" + { 2: "x", 4: "u", 8: "U" }[digits] + ("0000000" + hex).slice(-digits);
    }).join("") + '"';
  }
  function list(out, key, items, itemLines) {  // a block list, or [] (entry.py: sequence indent 4, offset 2)
    out.push(key + (items.length ? ":" : ": []"));
    items.forEach(function (item) {
      itemLines(item).forEach(function (line, i) { out.push((i ? "    " : "  - ") + line); });
    });
  }
  function pairs(item) { return Object.keys(item).map(function (key) { return key + ": " + scalar(item[key]); }); }
  function toYaml(a) {
    var out = ["# yaml-language-server: $schema=../../schema/coalition.schema.json", "schema_version: 1",
      "id: " + scalar(a.id), "name: " + scalar(a.name)];
    if (a.acronym) out.push("acronym: " + scalar(a.acronym));
    out.push("summary: " + scalar(a.summary));
    out.push("themes: [" + a.themes.map(function (theme) { return scalar(theme, true); }).join(", ") + "]");
    list(out, "objectives", a.objectives, function (o) { return [scalar(o)]; });
    list(out, "members", a.members, pairs);
    out.push("engagement:" + (Object.keys(a.engagement).length ? "" : " {}"));
    pairs(a.engagement).forEach(function (line) { out.push("  " + line); });
    list(out, "workplan", a.workplan, pairs);
    out.push("contact:", "  email: " + scalar(a.email), "  public: " + a.public);
    list(out, "maintainers", a.maintainers, function (m) { return [scalar(m)]; });
    out.push("commitments:", "  transparency: true", "  accountability: true", "  inclusivity: true");
    return out.join("\n") + "\n";
  }

  // The ImPACT criteria met by the file, as registry/criteria.py evaluates them with criteria.yml's settings.
  function criteria(a) {
    var s = rules.criteria;
    var actors = a.members.filter(function (m) { return s.civil_society_sectors.indexOf(m.sector) >= 0; });
    var regions = actors.map(function (m) {
      return m.scope === "global" && m.primary_region ? m.primary_region : m.region || groupOf[m.country];
    });
    var constituencies = {};
    actors.forEach(function (m) {
      var other = m.constituency === "other";
      if (m.constituency) constituencies[other ? "other:" + m.constituency_other.toLowerCase() : m.constituency] = 1;
    });
    var groups = regions.filter(function (r, i) { return r && regions.indexOf(r) === i; });
    var south = regions.filter(function (r) { return s.global_south_groups.indexOf(r) >= 0; });
    var dates = a.workplan.map(function (m) { return m.date; }).sort();
    return {
      "regional-diversity": actors.length >= s.min_civil_society_actors && groups.length >= s.min_regional_groups &&
        south.length >= s.min_global_south_actors,
      "constituency-diversity": Object.keys(constituencies).length >= s.min_constituencies,
      "un-engagement": Object.keys(a.engagement).some(function (key) {
        return length(a.engagement[key]) >= s.min_plan_characters;
      }),
      "work-plan": dates.length >= s.min_milestones && dates.length > 0 && dates[0] >= s.earliest_milestone &&
        dates[dates.length - 1] >= s.reaches_at_least
    };
  }
  function showCriteria(a) {
    var met = criteria(a), count = 0, items = document.querySelectorAll("#register-criteria > li");
    items.forEach(function (item) {
      var yes = met[item.getAttribute("data-criterion")];
      count += yes ? 1 : 0;
      item.className = yes ? "met" : "missing";
      item.querySelector(".impact-mark").textContent = yes ? "✔" : "○";
      item.lastElementChild.textContent = say(yes ? "met" : "still_needed");
    });
    var all = items.length, said = { count: count, all: all };
    var status = say(count === all ? "meets_all" : "forming", said);
    if (rules.criteria.enforce && count < all) status += " " + say("enforced", said);
    $("register-status").textContent = status;
  }

  function changed(event) {
    var target = event.target, row = target.closest(".impact-row");
    if (target.id === "f-id" && event.type === "input") idTyped = target.value !== "";
    if (target.id === "f-name") suggestId();
    if (row && row.parentElement.id === "member-rows") conditions(row);
    if (row) renumber(row.parentElement.id === "member-rows" ? "member" : "milestone");
    if (checked) render(problems(), false);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    checked = true;
    var found = problems(), output = $("register-output");
    render(found, true);
    if (found.length) {
      output.hidden = true;
      var first = form.querySelector("[aria-invalid='true']");
      if (first) (first.tagName === "FIELDSET" ? first.querySelector("input, button") : first).focus();
      return;
    }
    var a = answers(), yaml = toYaml(a), filename = "registry/coalitions/" + a.id + ".yml";
    $("register-yaml").value = yaml;
    $("register-filename").textContent = filename;
    $("open-github").href = form.getAttribute("data-repository") + "/new/" + form.getAttribute("data-branch") +
      "?filename=" + encodeURIComponent(filename) + "&value=" + encodeURIComponent(yaml);
    showCriteria(a);
    output.hidden = false;
    output.scrollIntoView();
  });
  $("copy-yaml").addEventListener("click", function () {
    $("register-yaml").select();
    if (navigator.clipboard) navigator.clipboard.writeText($("register-yaml").value);
  });
})();
