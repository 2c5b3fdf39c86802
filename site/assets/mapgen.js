/* mapgen: draws an article's places on a Leaflet map from JSON data.
   Every text of the article reaches the page through textContent, never as HTML. */
var mapgen = (function () {
  "use strict";

  /* The theme is the page's (html.mg-theme-light, -dark or -auto) unless the
     embed's address asks ?theme=; auto follows the reader's system. This runs
     in the page's head, before anything is painted. */
  (function theme() {
    var root = document.documentElement, asked = new URLSearchParams(location.search).get("theme");
    var chosen = ["light", "dark", "auto"].indexOf(asked) >= 0 ? asked : (root.className.match(/mg-theme-(\w+)/) || [])[1];
    var dark = chosen === "dark" || (chosen === "auto" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    root.classList.toggle("mg-dark", dark);
  })();

  /* An embed tells the page around it the height it wants: its title and key
     plus a 4:3 map; the snippet mapgen prints sizes the iframe to it. */
  var ASPECT = 3 / 4;

  function reportHeight() {
    var graphic = document.querySelector(".mg-embed .mg-graphic");
    if (!graphic || window.parent === window) return;
    var map = graphic.querySelector(".mg-map"), rest = graphic.scrollHeight - map.offsetHeight;
    window.parent.postMessage({ "mapgen-height": Math.round(rest + graphic.clientWidth * ASPECT) }, "*");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* A sentence of the article with its mentions of the place marked. The
     marks count code points, as Python does; a JavaScript string counts UTF-16
     units, which differ past every emoji, so the text is cut as code points. */
  function quote(q) {
    var block = el("blockquote", "mg-quote"), at = 0, chars = Array.from(q.text);
    function run(start, end) { return chars.slice(start, end).join(""); }
    q.marks.forEach(function (mark) {
      if (mark[0] < at) return;
      block.appendChild(document.createTextNode(run(at, mark[0])));
      block.appendChild(el("mark", null, run(mark[0], mark[1])));
      at = mark[1];
    });
    block.appendChild(document.createTextNode(run(at)));
    return block;
  }

  function popupContent(place, words) {
    var box = el("div", "mg-popup");
    box.appendChild(el("h2", "mg-popup-name", place.name));
    var where = place.resolved;
    if (place.country && place.country !== place.resolved) where += ", " + place.country;
    box.appendChild(el("p", "mg-popup-where", where));
    if (place.low) box.appendChild(el("p", "mg-popup-low", place.check ? words.low + words.colon + place.check : words.low));
    place.quotes.forEach(function (q) { box.appendChild(quote(q)); });
    return box;
  }

  /* Towns are dots, regions dashed rings, a country with a shape its label
     alone (its area is shaded beneath). Every mark shows its name as the
     article writes it, which is also its accessible name. */
  function icon(place, shift) {
    var body = el("span", "mg-icon");
    if (shift[0] || shift[1]) body.appendChild(leader(shift));
    body.appendChild(el("span", "mg-symbol"));
    if (!place.area) body.appendChild(el("span", "mg-hit"));
    body.appendChild(el("span", "mg-label", place.name));
    return L.divIcon({
      html: body,
      className: "mg-marker mg-hits mg-" + place.kind + (place.area ? " mg-area-label" : "") + (place.low ? " mg-low" : ""),
      iconSize: [44, 44],
      iconAnchor: [22 - shift[0], 22 - shift[1]]
    });
  }

  /* A marker set apart from its crowd keeps a thin line back to where the
     place really is, ending in a dot. */
  function leader(shift) {
    var line = el("span", "mg-leader");
    var length = Math.sqrt(shift[0] * shift[0] + shift[1] * shift[1]);
    line.style.width = length + "px";
    line.style.transform = "rotate(" + Math.atan2(-shift[1], -shift[0]) + "rad)";
    line.setAttribute("aria-hidden", "true");
    return line;
  }

  var InlineTiles = L.TileLayer.extend({
    initialize: function (tiles, options) {
      this._inline = tiles;
      L.TileLayer.prototype.initialize.call(this, "", options);
    },
    getTileUrl: function (c) { return this._inline[c.z + "/" + c.x + "/" + c.y] || ""; }
  });

  function basemap(map, spec) {
    if (spec.world) return;  // drawn by drawWorld, once the places are known
    spec.layers.forEach(function (layer) {
      var options = {
        minZoom: layer.minZoom, maxZoom: spec.maxZoom,
        maxNativeZoom: layer.maxNativeZoom, noWrap: spec.noWrap
      };
      if (layer.bounds) options.bounds = layer.bounds;
      if (spec.referrerPolicy) options.referrerPolicy = spec.referrerPolicy;
      (spec.inline ? new InlineTiles(spec.inline, options) : L.tileLayer(spec.url, options)).addTo(map);
    });
  }

  /* A ring as the site stage encodes it: steps in hundredths of a degree, longitude first. */
  function decode(steps) {
    var ring = [], x = 0, y = 0;
    for (var k = 0; k < steps.length; k += 2) {
      x += steps[k];
      y += steps[k + 1];
      ring.push([y / 100, x / 100]);
    }
    return ring;
  }

  /* The vector basemap: every country's land, and the countries the article
     names shaded, each one area that opens its place like its label does.
     Returns the countries, for their names. */
  function worldOf(spec) {
    if (!spec.world) return [];
    return spec.world === true ? window.mapgenWorld : spec.world;  // true: from assets/world.js
  }

  function drawWorld(map, world, areas) {
    var renderer = L.svg({ padding: 0.5 });
    var drawn = world.map(function (country) {
      var named = areas[country.code];
      var shape = L.polygon(country.rings.map(function (polygon) { return polygon.map(decode); }), {
        renderer: renderer, className: named ? "mg-land mg-area" + (named.place.low ? " mg-low" : "") : "mg-land",
        interactive: !!named, weight: 1, fillOpacity: 1
      }).addTo(map);
      if (named) shape.on("click", function () { named.marker.openPopup(); });
      return { country: country, bounds: shape.getBounds(), named: !!named, shape: shape };
    });
    drawn.forEach(function (entry) { if (entry.named) entry.shape.bringToFront(); });  // outlines over the neighbours'
    return drawn;
  }

  /* A local story's land, sharp (mapgen/fine_land.py): sea over the window,
     which hides the coarse countries in it, then the admin-1 areas of each
     country twice, first their outlines a little wide, then their land over
     them: only the coasts and the borders between countries show, never a
     seam between two areas. The countries the article names keep their
     shade. Zoomed out past fromZoom the window would show its edges, and
     the coarse land alone is drawn. */
  function drawFineLand(map, fine, named) {
    if (!fine) return;
    var renderer = L.svg({ padding: 0.5 }), byCountry = {};
    L.rectangle(fine.window, { renderer: renderer, className: "mg-fine mg-fine-sea", interactive: false, stroke: false, fillOpacity: 1 }).addTo(map);
    fine.areas.forEach(function (area) { (byCountry[area.code] = byCountry[area.code] || []).push(area.rings); });
    Object.keys(byCountry).sort().forEach(function (code) {
      var country = named[code], shade = country ? " mg-fine-named" + (country.place.low ? " mg-low" : "") : "";
      var shapes = byCountry[code].map(function (rings) { return rings.map(function (polygon) { return polygon.map(decode); }); });
      shapes.forEach(function (shape) {
        L.polygon(shape, { renderer: renderer, className: "mg-fine mg-fine-edge" + shade, interactive: false, fill: false, weight: 4.6 }).addTo(map);
      });
      shapes.forEach(function (shape) {
        var land = L.polygon(shape, { renderer: renderer, className: "mg-fine mg-fine-land" + shade, interactive: !!country, weight: 3, fillOpacity: 1 }).addTo(map);
        if (country) land.on("click", function () { country.marker.openPopup(); });
      });
    });
    function hideWhenFar() { map.getContainer().classList.toggle("mg-fine-off", map.getZoom() < fine.fromZoom); }
    hideWhenFar();
    map.on("zoomend", hideWhenFar);
  }

  /* Lakes and rivers (Natural Earth, mapgen/site/water.py), over the land, under every border and mark. */
  function drawWater(map, water) {
    if (!water) return;
    var renderer = L.svg({ padding: 0.5 });
    (water.lakes || []).forEach(function (polygon) {
      L.polygon(polygon.map(decode), { renderer: renderer, className: "mg-water", interactive: false, weight: 0.6, fillOpacity: 1 }).addTo(map);
    });
    (water.rivers || []).forEach(function (line) {
      L.polyline(decode(line), { renderer: renderer, className: "mg-river", interactive: false, weight: 1.2 }).addTo(map);
    });
  }

  /* The borders between the admin-1 areas of the countries the story happens in: thin, under everything it names. */
  function drawLines(map, lines) {
    var renderer = L.svg({ padding: 0.5 });
    lines.forEach(function (steps) {
      L.polyline(decode(steps), { renderer: renderer, className: "mg-admin-line", interactive: false, weight: 1 }).addTo(map);
    });
  }

  /* The states, provinces and regions the article names, each its shape over
     the countries, opening its place like its label does. */
  function drawAreas(map, entries) {
    var renderer = L.svg({ padding: 0.5 });
    entries.forEach(function (entry) {
      var place = entry.place;
      L.polygon(place.shape.rings.map(function (polygon) { return polygon.map(decode); }), {
        renderer: renderer, className: "mg-area mg-admin" + (place.low ? " mg-low" : ""), weight: 1, fillOpacity: 1
      }).addTo(map).on("click", function () { entry.marker.openPopup(); });
    });
  }

  /* The names of the countries the article does not name, where they fit:
     biggest first, never over a place, a label, a pointer or another name. */
  var NAME_ROOM = 1.3;  // a country must be this much wider than its name

  function countryNames(map, countries, pane, taken) {
    var view = map.getBounds(), frame = map.getContainer().getBoundingClientRect();
    countries.forEach(function (entry) {
      if (entry.named || !view.contains(entry.country.at)) return;
      var sw = map.latLngToContainerPoint(entry.bounds.getSouthWest());
      var ne = map.latLngToContainerPoint(entry.bounds.getNorthEast());
      var name = el("span", "mg-country-name", entry.country.name);
      var at = map.latLngToLayerPoint(entry.country.at);
      name.style.left = at.x + "px";
      name.style.top = at.y + "px";
      pane.appendChild(name);
      var box = name.getBoundingClientRect();
      var outside = box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom;
      if (outside || box.width * NAME_ROOM > ne.x - sw.x || taken.some(function (other) { return overlap(box, other) > 0; })) {
        pane.removeChild(name);
      } else {
        taken.push(box);
      }
    });
  }

  /* A few big cities for orientation, capitals first, where they fit: a dot
     and a muted name, on the side of the dot that covers nothing of the story. */
  var CITY_ROOM = 120000;  // square pixels of map per city shown, at most six

  function cityNames(map, cities, pane, taken, local) {
    var view = map.getBounds(), frame = map.getContainer().getBoundingClientRect(), shown = 0;
    var room = local ? CITY_ROOM / 2 : CITY_ROOM, most = local ? 10 : 6;
    var limit = Math.max(1, Math.min(most, Math.round(frame.width * frame.height / room)));
    cities.forEach(function (city) {
      if (shown >= limit || !view.contains(city.at)) return;
      var mark = el("span", "mg-city" + (city.capital ? " mg-capital" : ""));
      mark.appendChild(el("span", "mg-city-name", city.name));
      var at = map.latLngToLayerPoint(city.at);
      mark.style.left = at.x + "px";
      mark.style.top = at.y + "px";
      pane.appendChild(mark);
      var fits = ["right", "left"].some(function (side) {
        mark.setAttribute("data-side", side);
        var box = mark.getBoundingClientRect();
        var outside = box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom;
        if (outside || taken.some(function (other) { return overlap(box, other) > 0; })) return false;
        taken.push(box);
        return true;
      });
      if (fits) shown += 1; else pane.removeChild(mark);
    });
  }

  /* The wheel zooms only once the reader has clicked into the map, or with
     Ctrl held: scrolling the page around the map is never taken over. */
  function guardWheel(map, words) {
    var box = map.getContainer(), hint = el("div", "mg-hint", words.wheel), timer = null;
    hint.setAttribute("aria-hidden", "true");
    box.appendChild(hint);
    map.on("click focus", function () { map.scrollWheelZoom.enable(); });
    map.on("blur", function () { map.scrollWheelZoom.disable(); });
    box.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
    box.addEventListener("wheel", function (event) {
      if (map.scrollWheelZoom.enabled()) return;
      if (event.ctrlKey) {
        event.preventDefault();
        map.setZoom(map.getZoom() + (event.deltaY < 0 ? 1 : -1));
        return;
      }
      hint.classList.add("mg-hint-shown");
      clearTimeout(timer);
      timer = setTimeout(function () { hint.classList.remove("mg-hint-shown"); }, 1500);
    }, { passive: false });
  }

  /* On a phone one finger scrolls the page past the map and two pinch it;
     after a tap into the map, one finger pans it too. */
  function guardTouch(map) {
    if (!L.Browser.mobile) return;
    map.dragging.disable();
    map.on("click focus", function () { map.dragging.enable(); });
    map.on("blur", function () { map.dragging.disable(); });
  }

  /* Markers at one spot on screen (a town and the ring of its county) are
     set a little apart around it, each with a thin line back to the spot;
     done again at every zoom. Nearby markers stay on their places: their
     labels move, not them. */
  var SPREAD_PX = 4;

  function spread(map, drawn) {
    var groups = [];
    drawn.forEach(function (entry) {
      if (entry.place.area) return;
      var at = map.latLngToLayerPoint([entry.place.lat, entry.place.lon]);
      var group = groups.find(function (g) { return g.at.distanceTo(at) < SPREAD_PX; });
      if (group) group.members.push(entry); else groups.push({ at: at, members: [entry] });
    });
    groups.forEach(function (group) {
      var n = group.members.length;
      group.members.forEach(function (entry, k) {
        var radius = n > 1 ? 8 + 3 * n : 0, angle = 2 * Math.PI * k / n - Math.PI / 2;
        var shift = [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
        if (String(shift) !== String(entry.shift)) {
          entry.shift = shift;
          entry.marker.setIcon(icon(entry.place, shift));
        }
      });
    });
  }

  function overlap(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  }

  function byMentions(drawn) {
    return drawn.slice().sort(function (a, b) { return b.place.mentions - a.place.mentions || a.number - b.number; });
  }

  /* The radius of each kind's symbol, for labels to keep clear of it. */
  var SYMBOL_RADIUS = { place: 8, country: 9, region: 11 };
  var HIT_MAX = 22, HIT_MIN = 6;

  /* Where a marker is tapped: a circle on its place, as wide as a finger
     where there is room, else half way to the nearest other marker, so a tap
     on a marker's place opens that marker and no neighbour. */
  function hitAreas(map, drawn) {
    var points = drawn.map(function (entry) {
      return entry.place.area ? null : map.latLngToContainerPoint(entry.marker.getLatLng()).add(entry.shift);
    });
    drawn.forEach(function (entry, k) {
      var hit = entry.marker.getElement().querySelector(".mg-hit");
      if (!hit) return;
      var room = HIT_MAX * 2;
      points.forEach(function (other, j) { if (other && j !== k && points[k]) room = Math.min(room, points[k].distanceTo(other)); });
      var r = Math.max(HIT_MIN, Math.min(HIT_MAX, Math.floor(room / 2)));
      hit.style.left = hit.style.top = (22 - r) + "px";
      hit.style.width = hit.style.height = (2 * r) + "px";
    });
  }

  /* Every place in view is named: its label beside its mark where that is
     free, else moved off with a leader line (labels.js); a number only as
     the last resort of a small frame, listed then in the key under the map.
     Returns the boxes taken, in page coordinates, for the orientation names. */
  function placeLabels(map, drawn, numbers) {
    var view = map.getBounds(), size = map.getSize(), frame = map.getContainer().getBoundingClientRect();
    var obstacles = boxesIn(map, ".mg-pointer, .mg-pointers-folded, .leaflet-control, .mg-inset");
    var shown = [], items = [];
    byMentions(drawn).forEach(function (entry) {
      var element = entry.marker.getElement(), label = element.querySelector(".mg-label");
      var old = element.querySelector(".mg-label-leader");
      if (old) old.remove();
      label.textContent = entry.place.name;
      label.classList.remove("mg-visually-hidden");
      element.removeAttribute("aria-label");
      if (!view.contains(entry.marker.getLatLng())) return;  // out of sight: its pointer stands for it
      var at = map.latLngToContainerPoint(entry.marker.getLatLng()).add(entry.shift);
      label.setAttribute("data-side", "free");
      label.style.left = label.style.top = "0px";
      var w = label.offsetWidth, h = label.offsetHeight;
      label.textContent = String(entry.number);
      var numberW = label.offsetWidth;
      label.textContent = entry.place.name;
      // a pixel of room around each label: the page rounds where the script does not
      items.push({ x: at.x, y: at.y, r: entry.place.area ? 0 : SYMBOL_RADIUS[entry.place.kind] || 8, w: w + 2, h: h + 2,
        numberW: numberW + 2, centred: !!entry.place.area });
      shown.push(entry);
    });
    var placed = mapgenLabels.place(items, obstacles, { width: size.x, height: size.y }), numbered = [];
    placed.forEach(function (result, k) {
      var entry = shown[k], item = items[k], element = entry.marker.getElement(), label = element.querySelector(".mg-label");
      if (result.number || !result.fits) {
        label.textContent = String(entry.number);
        element.setAttribute("aria-label", entry.place.name);
        numbered.push(entry);
      }
      if (!result.fits) {  // not even its number fits: the mark alone, named in the key and to screen readers
        label.classList.add("mg-visually-hidden");
        return;
      }
      label.style.left = Math.round(result.box.left + 1 - item.x + 22) + "px";
      label.style.top = Math.round(result.box.top + 1 - item.y + 22) + "px";
      if (result.leader) {
        var x1 = result.leader[0] - item.x, y1 = result.leader[1] - item.y;
        var dx = result.leader[2] - result.leader[0], dy = result.leader[3] - result.leader[1];
        var line = el("span", "mg-label-leader");
        line.setAttribute("aria-hidden", "true");
        line.style.left = (22 + x1) + "px";
        line.style.top = (22 + y1) + "px";
        line.style.width = Math.hypot(dx, dy) + "px";
        line.style.transform = "rotate(" + Math.atan2(dy, dx) + "rad)";
        element.querySelector(".mg-icon").insertBefore(line, label);
      }
    });
    numberKey(numbers, numbered);
    var taken = Array.from(map.getContainer().querySelectorAll(".mg-symbol, .mg-pointer, .mg-pointers-folded, .leaflet-control, .mg-inset")).map(
      function (element) { return element.getBoundingClientRect(); });
    shown.forEach(function (entry) {
      var box = entry.marker.getElement().querySelector(".mg-label").getBoundingClientRect();
      if (overlap(box, frame) > 0) taken.push(box);
    });
    return taken;
  }

  /* The key of the places a small frame numbers: visible, under the map, in the embed too. */
  function numberKey(list, numbered) {
    if (!list) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    numbered.sort(function (a, b) { return a.number - b.number; }).forEach(function (entry) {
      var item = el("li");
      item.appendChild(el("span", "mg-number", String(entry.number)));
      item.appendChild(document.createTextNode(" " + entry.place.name));
      list.appendChild(item);
    });
    list.hidden = !numbered.length;
    // a key bounded in a small frame scrolls: the keyboard reaches it too
    if (!list.hidden && list.scrollHeight > list.clientHeight + 1) list.tabIndex = 0;
    else list.removeAttribute("tabindex");
  }

  /* Places outside the view are pointed at from the edge of the map: a button
     with the place's name and an arrow toward it, which brings it into view
     and opens it. The buttons keep clear of the map's controls and of each other. */
  var EDGE = 6;

  var FOLD_WIDTH = 480;  // narrower than this, the pointers fold into one control

  function outside(map, drawn) {
    var view = map.getBounds();
    return drawn.filter(function (entry) {
      return !entry.place.around && !view.contains(L.latLng(entry.place.lat, entry.place.lon)) &&
        !(entry.rings && shapeInView(entry.rings, view));
    });
  }

  /* Whether an area's shape is partly in view (a neighbouring country across the border of a local
     story): drawn there, so no pointer aims at it, though its label point lies outside. */
  function shapeInView(rings, view) {
    var corners = [view.getCenter(), view.getNorthWest(), view.getNorthEast(), view.getSouthWest(), view.getSouthEast()];
    return rings.some(function (polygon) {
      var outer = polygon[0] ? decode(polygon[0]) : [];
      if (!outer.length || !L.latLngBounds(outer).intersects(view)) return false;
      return outer.some(function (at) { return view.contains(at); }) ||
        corners.some(function (corner) { return within(corner, outer); });
    });
  }

  /* Whether a point is inside a ring of [lat, lon] (even-odd rule). */
  function within(at, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if ((a[0] > at.lat) !== (b[0] > at.lat) && at.lng < (b[1] - a[1]) * (at.lat - a[0]) / (b[0] - a[0]) + a[1]) inside = !inside;
    }
    return inside;
  }

  /* On a phone the places out of view are one compact control at the map's
     foot: a button that opens their list, each entry a jump to the place. */
  function foldedPointers(map, far, layer, words, jumped) {
    var box = el("div", "mg-pointers-folded"), list = el("ul", "mg-pointers-list");
    var toggle = el("button", "mg-pointers-toggle", "\u2197 " + words.more + " (" + far.length + ")");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    list.hidden = true;
    toggle.addEventListener("click", function () {
      list.hidden = !list.hidden;
      toggle.setAttribute("aria-expanded", String(!list.hidden));
    });
    far.forEach(function (entry) {
      var item = el("li"), go = el("button", "mg-pointer-jump", entry.place.name);
      go.type = "button";
      go.addEventListener("click", function () { jumped(); mapgenPopups.reveal(map, entry.marker); });
      item.appendChild(go);
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(toggle);
    L.DomEvent.disableClickPropagation(box);
    layer.appendChild(box);
  }

  function pointers(map, drawn, layer, words, jumped) {
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    var size = map.getSize(), centre = size.divideBy(2), far = outside(map, drawn);
    if (far.length && size.x < FOLD_WIDTH) { foldedPointers(map, far, layer, words, jumped); return; }
    var taken = boxesIn(map, ".leaflet-control, .mg-marker .mg-symbol");
    far.forEach(function (entry) {
      var at = L.latLng(entry.place.lat, entry.place.lon);
      var p = map.latLngToContainerPoint(at), dx = p.x - centre.x, dy = p.y - centre.y;
      var button = el("button", "mg-pointer mg-" + entry.place.kind);
      button.type = "button";
      var arrow = el("span", "mg-pointer-arrow", "\u279c");
      arrow.setAttribute("aria-hidden", "true");
      arrow.style.transform = "rotate(" + Math.atan2(dy, dx) + "rad)";
      button.appendChild(arrow);
      button.appendChild(el("span", "mg-pointer-name", entry.place.name));
      L.DomEvent.disableClickPropagation(button);
      button.addEventListener("click", function () { jumped(); mapgenPopups.reveal(map, entry.marker); });
      layer.appendChild(button);
      var w = button.offsetWidth, h = button.offsetHeight;
      var tx = dx ? ((dx > 0 ? size.x - EDGE - w / 2 : EDGE + w / 2) - centre.x) / dx : Infinity;
      var ty = dy ? ((dy > 0 ? size.y - EDGE - h / 2 : EDGE + h / 2) - centre.y) / dy : Infinity;
      var t = Math.min(tx, ty), vertical = tx <= ty;
      var x = centre.x + t * dx - w / 2, y = centre.y + t * dy - h / 2, box = null;
      for (var k = 0; k < 40 && !box; k++) {  // along the edge, nearest first, to the first free spot
        var step = (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 12;
        var left = Math.min(Math.max(vertical ? x : x + step, EDGE), size.x - EDGE - w);
        var top = Math.min(Math.max(vertical ? y + step : y, EDGE), size.y - EDGE - h);
        var tried = { left: left, top: top, right: left + w, bottom: top + h };
        if (!taken.some(function (other) { return overlap(tried, other) > 0; })) box = tried;
      }
      box = box || { left: x, top: y, right: x + w, bottom: y + h };
      button.style.left = box.left + "px";
      button.style.top = box.top + "px";
      taken.push(box);
    });
  }

  /* The boxes of the elements a selector finds in the map, in the map's own coordinates. */
  function boxesIn(map, selector) {
    return Array.from(map.getContainer().querySelectorAll(selector)).map(function (element) {
      return mapgenPopups.boxOf(map, element);
    });
  }

  /* The first view holds the story's places, with room for their labels and
     clear of the zoom buttons; the margins shrink with the frame. */
  function frameStory(map, view) {
    if (!view) return;
    var size = map.getSize(), margin = Math.round(Math.max(16, Math.min(60, size.x / 8, size.y / 8)));
    map.fitBounds(view.bounds, {
      paddingTopLeft: [margin + 40, margin], paddingBottomRight: [margin + 40, margin + 16],
      maxZoom: view.maxZoom, animate: false
    });
  }

  /* The basemap alone, for a page that draws its own markers (edit.html): the
     tiles, or the vector countries with their names where they fit, never over
     a marker or its label. */
  function backdrop(map, spec) {
    basemap(map, spec);
    var countries = drawWorld(map, worldOf(spec), {});
    var names = map.createPane("mg-names");
    function arrange() {
      while (names.firstChild) names.removeChild(names.firstChild);
      var taken = [];
      map.getContainer().querySelectorAll(".leaflet-marker-icon, .leaflet-marker-icon .mg-label").forEach(function (mark) {
        taken.push(mark.getBoundingClientRect());
      });
      countryNames(map, countries, names, taken);
    }
    map.whenReady(arrange);
    map.on("moveend", arrange);
  }

  /* A local story's locator inset: its country (the part the story is in),
     its neighbours, and a box where the main map is, kept in step with it. */
  var SVG = "http://www.w3.org/2000/svg", INSET_W = 120, INSET_H = 96;

  function drawInset(map, data, world, drawn) {
    if (!data.local || !world.length) return;
    var view = map.getBounds(), centre = view.getCenter(), counts = {};
    drawn.forEach(function (entry) {
      if (entry.place.code && view.contains(entry.marker.getLatLng())) counts[entry.place.code] = (counts[entry.place.code] || 0) + entry.place.mentions;
    });
    var code = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); })[0];
    var country = world.find(function (c) { return c.code === code; });
    if (!country) return;
    var parts = country.rings.map(function (polygon) { return L.latLngBounds(polygon[0] ? decode(polygon[0]) : []); });
    var part = parts.find(function (b) { return b.isValid() && b.contains(centre); }) ||
      parts.reduce(function (a, b) { return !a || (b.isValid() && area(b) > area(a)) ? b : a; }, null);
    if (!part) return;
    var around = part.pad(0.12), kx = Math.cos(around.getCenter().lat * Math.PI / 180);
    var wDeg = (around.getEast() - around.getWest()) * kx, hDeg = around.getNorth() - around.getSouth();
    var scale = Math.min(INSET_W / wDeg, INSET_H / hDeg), w = Math.round(wDeg * scale), h = Math.round(hDeg * scale);
    function xy(ll) { return [((ll[1] - around.getWest()) * kx * scale).toFixed(1), ((around.getNorth() - ll[0]) * scale).toFixed(1)]; }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", w);
    svg.setAttribute("height", h);
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("aria-hidden", "true");
    world.forEach(function (other) {
      other.rings.forEach(function (polygon) {
        var rings = polygon.map(decode);
        if (!rings[0] || !L.latLngBounds(rings[0]).intersects(around)) return;
        var path = document.createElementNS(SVG, "path");
        path.setAttribute("d", rings.map(function (ring) { return "M" + ring.map(function (ll) { return xy(ll).join(" "); }).join("L") + "Z"; }).join(""));
        path.setAttribute("class", other.code === code ? "mg-inset-country" : "mg-inset-land");
        svg.appendChild(path);
      });
    });
    var box = document.createElementNS(SVG, "rect");
    box.setAttribute("class", "mg-inset-box");
    svg.appendChild(box);
    function follow() {
      var b = map.getBounds(), sw = xy([b.getSouth(), b.getWest()]), ne = xy([b.getNorth(), b.getEast()]);
      var bw = Math.max(6, ne[0] - sw[0]), bh = Math.max(6, sw[1] - ne[1]);
      box.setAttribute("x", ((+sw[0] + +ne[0]) / 2 - bw / 2).toFixed(1));
      box.setAttribute("y", ((+sw[1] + +ne[1]) / 2 - bh / 2).toFixed(1));
      box.setAttribute("width", bw.toFixed(1));
      box.setAttribute("height", bh.toFixed(1));
    }
    follow();
    map.on("moveend", follow);
    var Inset = L.Control.extend({ onAdd: function () { var div = el("div", "mg-inset"); div.appendChild(svg); return div; } });
    new Inset({ position: "bottomright" }).addTo(map);
  }

  function area(b) { return (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest()); }

  /* After a pointer's jump, one control brings the story back. */
  function backControl(map, data) {
    var button = el("button", "mg-back", "\u21a9 " + data.words.back);
    button.type = "button";
    var Back = L.Control.extend({ onAdd: function () { var div = el("div", "mg-back-box"); div.appendChild(button); L.DomEvent.disableClickPropagation(div); return div; } });
    var control = new Back({ position: "topright" }).addTo(map), box = control.getContainer();
    box.hidden = true;
    button.addEventListener("click", function () {
      box.hidden = true;
      map.closePopup();
      frameStory(map, data.view);
    });
    return function () { box.hidden = false; };
  }

  /* The keyboard reaches the places in view, in reading order (rows, then
     left to right); those out of view are reached by their pointers. */
  var ROW_PX = 40;

  function readingOrder(map, drawn, reorder) {
    var view = map.getBounds(), pane = map.getPane("markerPane");
    var inView = drawn.filter(function (entry) { return view.contains(entry.marker.getLatLng()); });
    drawn.forEach(function (entry) { entry.marker.getElement().tabIndex = inView.indexOf(entry) >= 0 ? 0 : -1; });
    // only on the story's own view: moving a marker would drop its focus, and the order under a reader's hand
    if (!reorder || map.getContainer().contains(document.activeElement)) return;
    inView.map(function (entry) {
      return { entry: entry, at: map.latLngToContainerPoint(entry.marker.getLatLng()) };
    }).sort(function (a, b) {
      return Math.floor(a.at.y / ROW_PX) - Math.floor(b.at.y / ROW_PX) || a.at.x - b.at.x;
    }).forEach(function (item) { pane.appendChild(item.entry.marker.getElement()); });
    drawn.forEach(function (entry) { if (inView.indexOf(entry) < 0) pane.appendChild(entry.marker.getElement()); });
  }

  var maps = [];

  function draw(map, data) {
    maps.push(map);
    frameStory(map, data.view);  // before any layer: no tile of another view is ever asked for
    basemap(map, data.basemap);
    guardWheel(map, data.words);
    guardTouch(map);
    var drawn = [], areas = {}, world = worldOf(data.basemap), shapes = {};
    world.forEach(function (country) { shapes[country.code] = country; });
    data.places.forEach(function (place) {
      var shape = place.shape || (place.kind === "country" && shapes[place.code]);
      if (shape) place = L.extend({}, place, { lat: shape.at[0], lon: shape.at[1], area: true });
      var marker = L.marker([place.lat, place.lon], { icon: icon(place, [0, 0]), keyboard: true, riseOnHover: true });
      drawn.push({ marker: marker, place: place, shift: [0, 0], number: drawn.length + 1, rings: shape ? shape.rings : null });
      marker.addTo(map);
      mapgenPopups.bind(map, marker, function () { return popupContent(place, data.words); }, data.words.close);
      if (shape && !place.shape) areas[place.code] = { marker: marker, place: place };
    });
    var markers = drawn.map(function (entry) { return entry.marker; });
    mapgenPopups.fit(map, markers);
    var countries = world.length ? drawWorld(map, world, areas) : [];
    drawFineLand(map, data.basemap.fine, areas);
    drawLines(map, data.adminLines || []);
    drawAreas(map, drawn.filter(function (entry) { return entry.place.shape; }));
    drawWater(map, data.water);  // over a named state's shade: Ohio's shape runs out into Lake Erie
    L.control.scale({ imperial: false, maxWidth: 100 }).addTo(map);
    var names = map.createPane("mg-names");
    var jumped = backControl(map, data);
    drawInset(map, data, world, drawn);
    var edge = el("div", "mg-pointers");
    map.getContainer().appendChild(edge);
    var numbers = el("ol", "mg-numbers"), holder = map.getContainer().closest(".mg-map");
    numbers.hidden = true;
    if (holder) holder.parentNode.insertBefore(numbers, holder.nextSibling);
    function arrange() {
      spread(map, drawn);
      hitAreas(map, drawn);
      pointers(map, drawn, edge, data.words, jumped);
      while (names.firstChild) names.removeChild(names.firstChild);
      var taken = placeLabels(map, drawn, numbers);
      cityNames(map, data.cities || [], names, taken, data.local);
      countryNames(map, countries, names, taken);
      readingOrder(map, drawn, storyView);
      storyView = false;
    }
    var storyView = true;
    arrange();
    map.on("moveend", arrange);
    map.on("popupopen popupclose", function (event) {  // an open popup is never under a pointer
      edge.classList.toggle("mg-hidden", event.type === "popupopen");
    });
    /* A frame resized or turned refits the story, until the reader has moved the map. */
    var moved = false;
    map.on("dragstart", function () { moved = true; });
    map.getContainer().addEventListener("wheel", function () { moved = true; }, { passive: true });
    map.getContainer().querySelectorAll(".leaflet-control-zoom a").forEach(function (button) {
      button.addEventListener("click", function () { moved = true; });
    });
    map.on("resize", function () {
      mapgenPopups.fit(map, markers);
      if (!moved) { storyView = true; frameStory(map, data.view); }
      reportHeight();
    });
    reportHeight();
  }

  return { draw: draw, maps: maps, basemap: basemap, backdrop: backdrop };
})();
