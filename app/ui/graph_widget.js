// The computekg graph: an SVG drawing of nodes and edges whose positions Python computed (app/ui/graph_layout.py).
// Every name is set as text (textContent), never as markup. No library, nothing fetched.
// Click: select (trigger `select`); double-click a node: expand (trigger `expand`); right-click a node: its
// menu (trigger `action`, {name, id, type}); drag the background to pan, the wheel to zoom, a node to move it.
const SVG = "http://www.w3.org/2000/svg";
const LABEL_PX = 12; // a node label's size on screen, whatever the zoom
const EDGE_LABEL_PX = 10;
const views = new WeakMap(); // parentElement -> its drawing, kept across reruns (pan and zoom survive)

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function html(name, attrs, parent, text) {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function build(parentElement) {
  const legend = html("div", { class: "ckg-legend" }, parentElement);
  const root = html("div", { class: "ckg-graph" }, parentElement);
  const bar = html("div", { class: "ckg-bar" }, root);
  const fit = html("button", { type: "button", title: "Fit the graph to the view", "data-action": "fit" }, bar, "Fit");
  const full = html("button", { type: "button", title: "Full screen", "data-action": "fullscreen" }, bar, "Full screen");
  const svg = el("svg", { class: "ckg-svg", role: "img" }, root);
  const defs = el("defs", {}, svg);
  const marker = el("marker", { id: "ckg-arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7",
    markerHeight: "7", orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, defs);
  el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#777" }, marker);
  const scene = el("g", { class: "ckg-scene" }, svg);
  const edgeLayer = el("g", {}, scene);
  const nodeLayer = el("g", {}, scene);
  const menu = html("div", { class: "ckg-menu", hidden: "" }, root);
  const view = { legend, root, svg, scene, edgeLayer, nodeLayer, menu, k: 1, tx: 0, ty: 0, positions: {}, radius: {},
                 edgeById: {}, trigger: null, drawnKey: null, justDragged: false };
  fit.addEventListener("click", () => fitView(view));
  full.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else root.requestFullscreen();
  });
  // Entering or leaving full screen changes the canvas: fit the graph to it once the size has settled.
  root.addEventListener("fullscreenchange", () => requestAnimationFrame(() => fitView(view)));
  panAndZoom(view);
  document.addEventListener("click", (e) => { if (!root.contains(e.composedPath()[0])) hideMenu(view); });
  return view;
}

function applyTransform(view) {
  view.scene.setAttribute("transform", `translate(${view.tx},${view.ty}) scale(${view.k})`);
  view.root.setAttribute("data-zoom", view.k.toFixed(3));
  // Labels keep their size on screen; small nodes' labels go when zoomed far out, hubs' stay.
  for (const g of view.nodeLayer.children) {
    const label = g.querySelector("text");
    label.setAttribute("font-size", (LABEL_PX / view.k).toFixed(2));
    label.setAttribute("dy", (Number(g.dataset.r) + LABEL_PX / view.k).toFixed(2));
    const shown = view.k >= 0.5 || Number(g.dataset.r) >= 14 || g.dataset.centre === "1";
    label.style.display = shown ? "" : "none";
  }
  for (const g of view.edgeLayer.children) {
    const label = g.querySelector("text");
    label.setAttribute("font-size", (EDGE_LABEL_PX / view.k).toFixed(2));
    label.style.display = view.k >= 0.7 ? "" : "none";
  }
}

function fitView(view) {
  const box = view.svg.getBoundingClientRect();
  const ids = Object.keys(view.positions);
  if (!ids.length || !box.width) return;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const id of ids) {
    const [x, y] = view.positions[id];
    x1 = Math.min(x1, x); y1 = Math.min(y1, y); x2 = Math.max(x2, x); y2 = Math.max(y2, y);
  }
  const pad = 60;
  const k = Math.min((box.width - 2 * pad) / Math.max(x2 - x1, 1), (box.height - 2 * pad) / Math.max(y2 - y1, 1), 2.5);
  view.k = k;
  view.tx = box.width / 2 - k * (x1 + x2) / 2;
  view.ty = box.height / 2 - k * (y1 + y2) / 2;
  applyTransform(view);
}

function panAndZoom(view) {
  let drag = null;
  view.svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    const node = e.target.closest("[data-node]");
    drag = { x: e.clientX, y: e.clientY, tx: view.tx, ty: view.ty, node: node ? node.dataset.node : null, moved: false,
             pointer: e.pointerId };
  });
  view.svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 3) {
      drag.moved = true;
      // Captured only once a drag starts: a capture on every press would take clicks away from the nodes.
      view.svg.setPointerCapture(drag.pointer);
    }
    if (!drag.moved) return;
    if (drag.node) {
      const [x, y] = view.positions[drag.node];
      view.positions[drag.node] = [x + dx / view.k, y + dy / view.k];
      drag.x = e.clientX; drag.y = e.clientY;
      placeAll(view);
    } else {
      view.tx = drag.tx + dx; view.ty = drag.ty + dy;
      applyTransform(view);
    }
  });
  view.svg.addEventListener("pointerup", () => { view.justDragged = drag && drag.moved; drag = null; });
  view.svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = view.svg.getBoundingClientRect();
    const px = e.clientX - box.left, py = e.clientY - box.top;
    const factor = Math.exp(-e.deltaY * 0.0015);
    const k = Math.min(Math.max(view.k * factor, 0.05), 8);
    view.tx = px - (px - view.tx) * (k / view.k);
    view.ty = py - (py - view.ty) * (k / view.k);
    view.k = k;
    applyTransform(view);
  }, { passive: false });
}

function edgeGeometry(view, edge) {
  const [sx, sy] = view.positions[edge.source];
  const [tx, ty] = view.positions[edge.target];
  const dx = tx - sx, dy = ty - sy;
  const length = Math.hypot(dx, dy) || 1;
  const rs = view.radius[edge.source], rt = view.radius[edge.target];
  // An edge whose reverse is drawn too bends to its right, so the two stay apart.
  const bend = edge.reverse ? 0.18 * length : 0;
  const mx = (sx + tx) / 2 - (dy / length) * bend, my = (sy + ty) / 2 + (dx / length) * bend;
  const start = towards(sx, sy, mx, my, rs), end = towards(tx, ty, mx, my, rt + 2);
  return { d: `M${start[0]},${start[1]} Q${mx},${my} ${end[0]},${end[1]}`, lx: (start[0] + 2 * mx + end[0]) / 4,
           ly: (start[1] + 2 * my + end[1]) / 4 };
}

function towards(x, y, ox, oy, r) {
  const d = Math.hypot(ox - x, oy - y) || 1;
  return [x + ((ox - x) / d) * r, y + ((oy - y) / d) * r];
}

function hideMenu(view) { view.menu.hidden = true; }

function showMenu(view, node, e) {
  const menu = view.menu;
  menu.replaceChildren();
  html("div", { class: "ckg-menu-title" }, menu, node.name);
  const item = (label, action, type) => {
    const button = html("button", { type: "button", "data-menu": action + (type ? ":" + type : "") }, menu, label);
    button.addEventListener("click", () => {
      hideMenu(view);
      view.trigger("action", { name: action, id: node.id, type: type || null });
    });
  };
  item("Show its evidence", "select");
  if (!node.centre) item("Centre on it", "centre");
  item("Expand", "expand");
  for (const [type, count] of node.types) item(`Expand by ${type} (${count})`, "expand_type", type);
  item("Paths from it to…", "paths");
  if (!node.centre) item("Paths from the centre to it", "paths_to");
  const box = view.root.getBoundingClientRect();
  menu.style.left = `${e.clientX - box.left}px`;
  menu.style.top = `${e.clientY - box.top}px`;
  menu.hidden = false;
}

// The colour of each entity kind in view with its count, and how edges read (drawn here, not as an HTML
// Markdown element of the page: that one made Streamlit fetch and run its raw-HTML Markdown chunk first).
function drawLegend(view, legend, edgeKey) {
  view.legend.replaceChildren();
  for (const item of legend) {
    const chip = html("span", { class: "ckg-chip", "data-kind": item.kind }, view.legend);
    html("span", { class: "ckg-dot", style: `background:${item.colour}` }, chip);
    chip.append(`${item.kind} (${item.count})`);
  }
  html("span", { class: "ckg-key" }, view.legend, edgeKey);
}

function draw(view, data) {
  drawLegend(view, data.legend || [], data.edge_key || "");
  view.radius = {};
  view.edgeById = {};
  // Where Python put each node: nodes already in view keep their place there (graph_layout.py), so an
  // expansion adds nodes around them without moving them.
  view.positions = {};
  for (const node of data.nodes) {
    view.positions[node.id] = [node.x, node.y];
    view.radius[node.id] = node.r;
  }
  view.nodeLayer.replaceChildren();
  view.edgeLayer.replaceChildren();
  for (const edge of data.edges) {
    view.edgeById[edge.id] = edge;
    const g = el("g", { class: "ckg-edge", "data-edge": edge.id, "data-count": edge.count,
                        "data-width": edge.width, "data-dashed": edge.dashed ? "1" : "0" }, view.edgeLayer);
    el("path", { d: "", fill: "none", stroke: edge.dashed ? "#999" : "#777", "stroke-width": edge.width,
                 "stroke-dasharray": edge.dashed ? "6 4" : "none", "marker-end": "url(#ckg-arrow)" }, g);
    el("path", { d: "", fill: "none", stroke: "transparent", "stroke-width": 12 }, g); // takes the clicks
    const label = el("text", { "text-anchor": "middle", class: "ckg-edge-label" }, g);
    label.textContent = edge.label;
    el("title", {}, g).textContent = edge.title;
    g.addEventListener("click", () => view.trigger("select", edge.id));
  }
  for (const node of data.nodes) {
    const g = el("g", { class: "ckg-node", "data-node": node.id, "data-r": node.r, "data-kind": node.kind,
                        "data-centre": node.centre ? "1" : "0" }, view.nodeLayer);
    if (node.centre) el("circle", { r: node.r + 5, fill: "none", stroke: "#222", "stroke-width": 3 }, g);
    el("circle", { r: node.r, fill: node.colour, stroke: "#333", "stroke-width": 1.2 }, g);
    const label = el("text", { "text-anchor": "middle", class: "ckg-label" }, g);
    label.textContent = node.name;
    el("title", {}, g).textContent = `${node.name} · ${node.kind}`;
    g.addEventListener("click", () => { if (!view.justDragged) view.trigger("select", node.id); });
    g.addEventListener("dblclick", (e) => { e.stopPropagation(); view.trigger("expand", node.id); });
    g.addEventListener("contextmenu", (e) => { e.preventDefault(); showMenu(view, node, e); });
  }
  placeAll(view);
  // A new view is fitted to the canvas; the same view grown by an expansion keeps the zoom and pan.
  if (view.drawnKey !== data.view_key) fitView(view); else applyTransform(view);
  view.drawnKey = data.view_key;
  view.root.setAttribute("data-node-count", String(data.nodes.length));
  view.root.setAttribute("data-edge-count", String(data.edges.length));
  view.root.setAttribute("data-layout", String(data.layout || ""));
  view.root.setAttribute("data-graph-ready", "1");
}

function placeAll(view) {
  for (const g of view.edgeLayer.children) {
    const geometry = edgeGeometry(view, view.edgeById[g.dataset.edge]);
    for (const path of g.querySelectorAll("path")) path.setAttribute("d", geometry.d);
    const label = g.querySelector("text");
    label.setAttribute("x", geometry.lx); label.setAttribute("y", geometry.ly);
  }
  for (const g of view.nodeLayer.children) {
    const [x, y] = view.positions[g.dataset.node];
    g.setAttribute("transform", `translate(${x},${y})`);
    g.dataset.x = x.toFixed(1); g.dataset.y = y.toFixed(1);
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let view = views.get(parentElement);
  if (!view) {
    view = build(parentElement);
    views.set(parentElement, view);
  }
  view.trigger = setTriggerValue;
  view.root.style.height = `${data.height}px`;
  view.root.setAttribute("data-graph-ready", "0");
  requestAnimationFrame(() => draw(view, data));
  return () => {};
}
