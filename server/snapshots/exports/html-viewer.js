// The viewer inside an HTML export (plain browser JavaScript, inlined into the file as it is).
// It draws the embedded view with Cytoscape (inlined too: the file makes no request at all),
// lets the reader pan and zoom, and shows what a clicked node or relationship holds: properties,
// evidence, the presenter's note. Data only ever reaches the page through textContent.
(function () {
  'use strict';

  var view = JSON.parse(document.getElementById('view-document').textContent);
  var fallbackStyle = JSON.parse(document.getElementById('view-fallback-style').textContent);
  var panel = document.getElementById('panel');
  var hint = panel.firstElementChild;

  function hasClass(classes, name) {
    return (' ' + (classes || '') + ' ').indexOf(' ' + name + ' ') >= 0;
  }

  // The elements the view showed: hidden and filtered-out ones are left out, as on the canvas.
  var ownStyle = Array.isArray(view.style) && view.style.length > 0;
  var hidden = new Set(view.hidden || []);
  var shown = new Set();
  var byId = new Map();
  var elements = [];
  view.elements.nodes.forEach(function (n) {
    byId.set(n.data.id, n);
    if (hidden.has(n.data.id) || hasClass(n.classes, 'gone') || (n.rendered && n.rendered.visible === false)) return;
    shown.add(n.data.id);
    var el = { group: 'nodes', data: n.data, position: n.position, classes: n.classes || '' };
    if (!ownStyle && n.rendered) {
      el.style = { 'background-color': n.rendered.color, shape: n.rendered.shape, width: n.rendered.width, height: n.rendered.height };
    }
    elements.push(el);
  });
  view.elements.edges.forEach(function (e) {
    if (!shown.has(e.data.source) || !shown.has(e.data.target)) return;
    if (hasClass(e.classes, 'gone') || (e.rendered && e.rendered.visible === false)) return;
    var data = Object.assign({}, e.data);
    if (data.confidence === undefined && e.data.evidence && typeof e.data.evidence.confidence === 'number')
      data.confidence = e.data.evidence.confidence;
    var el = { group: 'edges', data: data, classes: e.classes || '' };
    if (!ownStyle && e.rendered)
      el.style = { 'line-color': e.rendered.color, 'target-arrow-color': e.rendered.color, width: e.rendered.width };
    elements.push(el);
  });

  var container = document.getElementById('cy');
  var cy = cytoscape({
    container: container,
    elements: elements,
    style: ownStyle
      ? view.style.concat([{ selector: ':selected', style: { 'border-width': 4, 'border-color': '#2563eb' } }])
      : fallbackStyle,
    layout: { name: 'preset' },
    minZoom: 0.02,
    maxZoom: 10,
    autoungrabify: true,
    boxSelectionEnabled: false,
  });

  // The part of the graph the presenter's canvas showed, fitted into this window.
  function showSavedView() {
    var box = {
      x: -view.pan.x / view.zoom,
      y: -view.pan.y / view.zoom,
      w: view.viewport.width / view.zoom,
      h: view.viewport.height / view.zoom,
    };
    var zoom = Math.min(container.clientWidth / box.w, container.clientHeight / box.h);
    if (!isFinite(zoom) || zoom <= 0) zoom = view.zoom;
    cy.zoom(zoom);
    cy.pan({ x: (container.clientWidth - box.w * zoom) / 2 - box.x * zoom, y: (container.clientHeight - box.h * zoom) / 2 - box.y * zoom });
  }
  showSavedView();
  document.getElementById('reset').addEventListener('click', showSavedView);
  document.getElementById('fit').addEventListener('click', function () {
    cy.fit(undefined, 30);
  });

  // ---- the side panel ----

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function valueText(value) {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map(valueText).join(', ');
    // A group's members are nodes: their names say who they are.
    if (typeof value === 'object' && typeof value.name === 'string') return value.name;
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  function section(title) {
    var s = el('section');
    s.appendChild(el('h3', title));
    panel.appendChild(s);
    return s;
  }

  function fields(parent, pairs) {
    var dl = el('dl');
    pairs.forEach(function (pair) {
      var text = valueText(pair[1]);
      if (text === '') return;
      dl.appendChild(el('dt', pair[0]));
      dl.appendChild(el('dd', text));
    });
    if (dl.childNodes.length > 0) parent.appendChild(dl);
  }

  function clear() {
    panel.replaceChildren();
  }

  function nameOf(id) {
    var n = byId.get(id);
    return n ? n.data.name : id;
  }

  function showNode(data) {
    clear();
    panel.appendChild(el('h2', data.name));
    panel.appendChild(el('p', data.label + ' · ' + data.id, 'kind'));
    var note = view.notes && view.notes[data.id];
    if (note) section('Note').appendChild(el('p', note, 'note'));
    var props = data.properties || {};
    fields(
      section('Properties'),
      Object.keys(props)
        .filter(function (k) {
          // A group's memberEdges are for the explorer to put its members back, not for reading.
          return k !== 'id' && k !== 'name' && k !== 'memberEdges';
        })
        .map(function (k) {
          return [k, props[k]];
        }),
    );
  }

  function showEdge(data) {
    clear();
    var ev = data.evidence || { sources: [] };
    panel.appendChild(el('h2', data.type));
    panel.appendChild(el('p', nameOf(data.source) + ' → ' + nameOf(data.target), 'kind'));
    var evidence = section('Evidence');
    var confidence = data.confidence !== undefined ? data.confidence : ev.confidence;
    var dates = [ev.firstSeen, ev.lastSeen].filter(Boolean).join(' – ');
    fields(evidence, [
      ['Confidence', confidence],
      ['Seen', dates],
    ]);
    if (ev.quote) evidence.appendChild(el('blockquote', ev.quote));
    if (ev.summary) evidence.appendChild(el('p', ev.summary));
    if (ev.sources && ev.sources.length > 0) {
      evidence.appendChild(el('h4', 'Sources'));
      var list = el('ul', null, 'sources');
      ev.sources.forEach(function (id) {
        var source = byId.get(id);
        var item = el('li');
        if (source) {
          var p = source.data.properties || {};
          item.appendChild(el('span', p.title || source.data.name, 'title'));
          var about = [p.publisher, p.published].filter(Boolean).join(', ');
          if (about) item.appendChild(el('span', ' (' + about + ')'));
          if (p.url) item.appendChild(el('span', String(p.url), 'url'));
        } else {
          item.textContent = id;
        }
        list.appendChild(item);
      });
      evidence.appendChild(list);
    }
    var props = data.properties || {};
    var keys = Object.keys(props);
    if (keys.length > 0)
      fields(
        section('Properties'),
        keys.map(function (k) {
          return [k, props[k]];
        }),
      );
  }

  cy.on('tap', 'node', function (event) {
    showNode(event.target.data());
  });
  cy.on('tap', 'edge', function (event) {
    showEdge(event.target.data());
  });
  cy.on('tap', function (event) {
    if (event.target === cy) {
      clear();
      panel.appendChild(hint);
    }
  });
  window.__viewer = { cy: cy, showNode: showNode, showEdge: showEdge };
})();
