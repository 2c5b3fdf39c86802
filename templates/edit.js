/* mapgen's editor's view (edit.html), in the article's language: each place's popup
   lists its runners-up; choosing one, renaming the place, marking it as context or
   dropping it, dragging its marker, or adding a place with a click on the map
   rewrites the corrections file shown beside the map, which the page offers to
   download. Saved beside the article, that file applies to every later build, with
   or without --edit. What is done here is also kept in this browser (localStorage,
   under a key of the article's file and text) until the file is saved and the page
   built again from it, so that a rebuild does not lose what was not downloaded.
   It all happens in the page, opened from disk with no server. Every text of the
   article reaches the page through textContent or an input's value, never as HTML.
   edit.html calls mapgenEdit.start with the data the editor's page is written with. */
var mapgenEdit = (function () {
  "use strict";

  var SECTIONS = ["pin", "drop", "add", "rename", "mark"];
  var data, sections, words, map;  // sections: section → name → the TOML value written after "name = "
  var byName = {}, log = [], replaying = false, adding = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function button(text, action) {
    var node = el("button", null, text);
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }

  /* One of the page's words, its {slots} filled. */
  function say(key, values) {
    return words[key].replace(/\{(\w+)\}/g, function (all, slot) {
      return values && values[slot] !== undefined ? values[slot] : all;
    });
  }

  /* A TOML basic string: JSON's escapes are TOML's, save DEL, which TOML wants escaped. */
  function tomlString(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function toml() {
    var lines = data.header.slice();
    SECTIONS.forEach(function (section) {
      var names = Object.keys(sections[section]);
      if (!names.length) return;
      lines.push("", "[" + section + "]");
      names.forEach(function (name) { lines.push(tomlString(name) + " = " + sections[section][name]); });
    });
    return lines.join("\n") + "\n";
  }

  function show() {
    document.getElementById("mg-edit-toml").textContent = toml();
  }

  /* What the page did, kept in this browser to be done again when the page is opened anew. */
  function record(action) {
    if (replaying) return;
    log.push(action);
    try {
      localStorage.setItem(data.key, JSON.stringify({ base: data.corrections_text, log: log }));
    } catch (e) { /* storage refused (a private window): the page works without it */ }
  }

  /* What is said of a name now replaces what was said of it before: one pin or one drop. */
  function correct(place, section, value) {
    delete sections.pin[place.name];
    delete sections.drop[place.name];
    sections[section][place.name] = value;
    show();
  }

  function icon(place) {
    var body = el("span", "mg-icon");
    body.appendChild(el("span", "mg-symbol"));
    body.appendChild(el("span", "mg-label", place.shown));
    var context = place.role === "context" ? " mg-edit-context" : "";
    return L.divIcon({ html: body, className: "mg-marker mg-" + place.kind + context, iconSize: [20, 20], iconAnchor: [10, 10] });
  }

  function redraw(place) {
    place.marker.setIcon(icon(place));
    place.marker.getElement().title = place.shown;
    listed(place);
  }

  function popup(place) {
    var marker = place.marker;
    var box = el("div", "mg-popup mg-edit-popup");
    box.appendChild(el("h2", "mg-popup-name", place.shown));
    box.appendChild(el("p", "mg-popup-where", place.chosen));
    box.appendChild(el("p", "mg-popup-low", place.changed
      ? say("changed")
      : say("confidence", { origin: place.origin, confidence: place.confidence.toFixed(2) })));
    if (place.origin === "added") {
      box.appendChild(button(say("remove"), function () { act({ type: "remove", name: place.name }); }));
      return box;
    }
    var others = place.runners_up.filter(function (other) { return other.pin !== sections.pin[place.name]; });
    if (others.length) {
      box.appendChild(el("p", null, say("rather")));
      var list = el("ul", "mg-edit-choices");
      others.forEach(function (other) {
        var item = el("li", null, other.what + " ");
        item.appendChild(button(say("choose"), function () {
          act({ type: "choose", name: place.name, pin: other.pin });
          marker.closePopup();
        }));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    var form = el("form", "mg-edit-rename");
    var label = el("label", null, say("label") + " ");
    var input = el("input");
    input.name = "label";
    input.value = place.shown;
    label.appendChild(input);
    form.appendChild(label);
    var rename = el("button", null, say("rename"));
    rename.type = "submit";
    form.appendChild(rename);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value.trim()) act({ type: "rename", name: place.name, label: input.value.trim() });
      marker.closePopup();
    });
    box.appendChild(form);
    var context = place.role === "context";
    box.appendChild(button(say(context ? "not_context" : "context"), function () {
      act({ type: "mark", name: place.name, context: !context });
      marker.closePopup();
    }));
    if (place.changed) {
      box.appendChild(button(say("undo", { place: place.before.chosen }), function () {
        act({ type: "undo", name: place.name });
        marker.closePopup();
      }));
    }
    box.appendChild(button(say("drop", { name: place.name }), function () { act({ type: "drop", name: place.name }); }));
    return box;
  }

  /* Every change goes through here: done, shown, and kept in this browser. */
  function act(action) {
    var place = byName[action.name];
    if (action.type === "add") {
      sections.add[action.name] = "{ lat = " + action.lat.toFixed(4) + ", lon = " + action.lng.toFixed(4) +
        ", quote = " + tomlString(action.quote) + " }";
      place = {
        name: action.name, shown: action.name, chosen: say("added"), label: action.name, kind: "place",
        role: null, confidence: 1, origin: "added", lat: action.lat, lon: action.lng, runners_up: []
      };
      setUp(place);
      place.changed = place.addedHere = true;
      listed(place);
    } else if (!place) {
      return;  // a change kept in this browser for a place the page no longer has
    } else if (action.type === "remove") {
      delete sections.add[place.name];
      gone(place);
    } else if (action.type === "choose") {
      var other = place.runners_up.filter(function (o) { return o.pin === action.pin; })[0];
      if (!other) return;
      correct(place, "pin", other.pin);
      changed(place, other.place, [other.lat, other.lon]);
    } else if (action.type === "move") {
      var spot = "lat = " + action.lat.toFixed(4) + ", lon = " + action.lng.toFixed(4) + ", label = " + tomlString(place.label);
      correct(place, "pin", "{ " + spot + " }");
      changed(place, say("moved", { label: place.label }), [action.lat, action.lng]);
    } else if (action.type === "rename") {
      if (action.label === place.name) delete sections.rename[place.name];
      else sections.rename[place.name] = tomlString(action.label);
      place.shown = action.label;
      place.changed = true;
      redraw(place);
    } else if (action.type === "mark") {
      if (action.context) sections.mark[place.name] = tomlString("context");
      else delete sections.mark[place.name];
      place.role = action.context ? "context" : null;
      place.changed = true;
      redraw(place);
    } else if (action.type === "drop") {
      correct(place, "drop", "true");
      gone(place);
    } else if (action.type === "undo") {
      undo(place);
    }
    show();
    record(action);
  }

  function changed(place, chosen, at) {
    place.changed = true;
    place.chosen = chosen;
    if (at) place.marker.setLatLng(at);
    listed(place);
  }

  /* A place dropped or removed: off the map, and struck out in the list, whose button brings it back. */
  function gone(place) {
    place.gone = true;
    map.removeLayer(place.marker);
    listed(place);
  }

  /* Back to what the page opened with: mapgen's choice, or the corrections file's. */
  function undo(place) {
    var before = place.before;
    SECTIONS.forEach(function (section) {
      if (before.values[section] === undefined) delete sections[section][place.name];
      else sections[section][place.name] = before.values[section];
    });
    place.changed = !!place.addedHere;
    place.gone = false;
    place.chosen = before.chosen;
    place.shown = before.shown;
    place.role = before.role;
    place.marker.setLatLng(before.at);
    if (!map.hasLayer(place.marker)) place.marker.addTo(map);
    redraw(place);
  }

  /* Every place also in a list beside the map, for the marks that lie on one another:
     a place's button brings it into view and opens it, or brings back a place dropped. */
  function list(place) {
    var item = el("li");
    place.entry = button("", function () {
      if (place.gone) {
        act({ type: "undo", name: place.name });
        return;
      }
      map.setView(place.marker.getLatLng(), Math.max(map.getZoom(), 6), { animate: false });
      place.marker.openPopup();
    });
    item.appendChild(place.entry);
    document.getElementById("mg-edit-places").appendChild(item);
    listed(place);
  }

  /* The list says what the place is now: chosen, changed here, context, or dropped. */
  function listed(place) {
    var now = place.gone ? say("dropped") : place.chosen + (place.changed ? " " + say("changed_mark") : "");
    if (!place.gone && place.role === "context") now += " " + say("context_mark");
    place.entry.textContent = place.shown + " \u2014 " + now;
    place.entry.classList.toggle("mg-edit-gone", !!place.gone);
  }

  function setUp(place) {
    var values = {};
    SECTIONS.forEach(function (section) { values[section] = sections[section][place.name]; });
    place.before = { chosen: place.chosen, shown: place.shown, role: place.role, at: [place.lat, place.lon], values: values };
    var marker = L.marker([place.lat, place.lon], {
      icon: icon(place), draggable: place.origin !== "added", keyboard: true, title: place.shown
    });
    place.marker = marker;
    byName[place.name] = place;
    // brought into view in one move: a popup still gliding (Leaflet's own pan) takes a click meant for its buttons
    marker.bindPopup(function () { return popup(place); }, { maxWidth: 320, autoPan: false });
    marker.on("popupopen", function () { mapgenPopups.intoView(map, marker); });
    marker.on("dragend", function () {
      var at = marker.getLatLng().wrap();
      act({ type: "move", name: place.name, lat: at.lat, lng: at.lng });
    });
    marker.addTo(map);
    list(place);
  }

  /* Adding a place: the button, then a click on the map opens a form for its name and the words
     of the article it stands for (picked from the article's sentences, or typed: they must be the article's). */
  function addMode(on) {
    adding = on;
    var toggle = document.getElementById("mg-edit-add");
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    map.getContainer().classList.toggle("mg-edit-adding", on);
    document.getElementById("mg-edit-status").textContent = on ? say("add_help") : "";
  }

  function addForm(at) {
    var form = el("form", "mg-popup mg-edit-popup mg-edit-addform");
    var nameLabel = el("label", null, say("add_name") + " ");
    var name = el("input");
    name.name = "name";
    nameLabel.appendChild(name);
    var quoteLabel = el("label", null, say("add_quote") + " ");
    var quote = el("input");
    quote.name = "quote";
    quote.setAttribute("list", "mg-edit-sentences");
    quoteLabel.appendChild(quote);
    var problem = el("p", "mg-popup-low");
    problem.setAttribute("role", "alert");
    var ok = el("button", null, say("add_ok"));
    ok.type = "submit";
    form.appendChild(nameLabel);
    form.appendChild(quoteLabel);
    form.appendChild(problem);
    form.appendChild(ok);
    form.appendChild(button(say("cancel"), function () { map.closePopup(); }));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var words = quote.value.trim(), called = name.value.trim();
      if (!called) { name.focus(); return; }
      if (!words || !data.sentences.some(function (s) { return s.indexOf(words) >= 0; })) {
        problem.textContent = say("not_quoted");
        quote.focus();
        return;
      }
      map.closePopup();
      act({ type: "add", name: called, lat: at.lat, lng: at.lng, quote: words });
    });
    L.popup({ maxWidth: 320 }).setLatLng(at).setContent(form).openOn(map);
    name.focus();
  }

  function download() {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([toml()], { type: "application/toml" }));
    link.download = data.file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  /* The changes kept in this browser for this article, done again on the same corrections file. */
  function restore() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(data.key) || "null"); } catch (e) { kept = null; }
    if (!kept || kept.base !== data.corrections_text || !kept.log || !kept.log.length) {
      try { localStorage.removeItem(data.key); } catch (e) { /* no storage */ }
      return;
    }
    replaying = true;
    kept.log.forEach(function (action) { act(action); });
    replaying = false;
    log = kept.log;
    document.getElementById("mg-edit-status").textContent = say("restored");
  }

  function start(given) {
    data = given;
    words = data.words;
    sections = data.corrections;
    data.corrections_text = JSON.stringify(sections);
    map = L.map("mg-edit-map", { minZoom: data.basemap.minZoom, maxZoom: data.basemap.maxZoom });
    var sentences = el("datalist");
    sentences.id = "mg-edit-sentences";
    data.sentences.forEach(function (s) { var option = el("option"); option.value = s; sentences.appendChild(option); });
    document.body.appendChild(sentences);
    data.places.forEach(setUp);
    if (data.places.length) {
      map.fitBounds(data.places.map(function (p) { return [p.lat, p.lon]; }), { padding: [40, 40], maxZoom: 8 });
    } else {
      map.setView([20, 0], 2);
    }
    mapgen.backdrop(map, data.basemap);  // after the view: the countries' names fit it
    document.getElementById("mg-edit-download").addEventListener("click", download);
    document.getElementById("mg-edit-add").addEventListener("click", function () { addMode(!adding); });
    map.on("click", function (event) {
      if (!adding) return;
      addMode(false);
      addForm(event.latlng.wrap());
    });
    show();
    restore();
  }

  return { start: start, toml: toml };
})();
