// The playground's front end, shared by the page (page.js) and the Jupyter widget
// (anywidget loads this module and calls its default export's `render`).
//
// It draws what Python sends and sends back what the user does: every number on screen
// (losses, heat maps, weights) was computed by gradschool in Python. `mount(el, backend)`
// builds the user interface in `el`; `backend.request({action, ...})` returns a Promise of
// the reply (see gradschool/playground/protocol.py).

const FEATURES = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"];
const FEATURE_LABELS = { x1: "X₁", x2: "X₂", "x1^2": "X₁²", "x2^2": "X₂²", "x1*x2": "X₁X₂",
  "sin(x1)": "sin(X₁)", "sin(x2)": "sin(X₂)" };
const DATASETS = [["circle", "Circle"], ["xor", "Exclusive or"], ["gauss", "Gaussian"],
  ["spiral", "Spiral"], ["moons", "Moons"], ["blobs", "Blobs (3-5 classes)"],
  ["plane", "Plane (regression)"], ["reg-gauss", "Gaussian (regression)"],
  ["custom", "Your data (CSV upload)"]];
const ACTIVATIONS = [["relu", "ReLU"], ["tanh", "Tanh"], ["sigmoid", "Sigmoid"],
  ["linear", "Linear"], ["leaky_relu", "Leaky ReLU"]];
const OPTIMIZERS = [["sgd", "SGD"], ["momentum", "Momentum"], ["rmsprop", "RMSProp"],
  ["adam", "Adam"]];
const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const MAX_LAYERS = 10;
const MAX_NEURONS = 64;
const MAX_LINKS = 2500; // more SVG paths than this would slow every update down
// TensorFlow Playground's colours: orange for -1, light grey for 0, blue for +1.
const NEGATIVE = [245, 147, 34];
const MIDDLE = [232, 234, 235];
const POSITIVE = [8, 119, 189];
const CLASS_COLOURS = [[245, 147, 34], [8, 119, 189], [76, 175, 80], [156, 39, 176],
  [233, 30, 99]];

// ---------------------------------------------------------------------------------------
// Small DOM helpers.
function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "testid") node.dataset.testid = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function select(testid, options, onchange) {
  const node = h("select", { testid, onchange: () => onchange(node.value) });
  for (const [value, label] of options) node.append(h("option", { value }, label));
  return node;
}

// Show the number `value` in a select of numbers, adding it when the list lacks it (a state
// loaded from a file or a URL may hold any value the Python side accepts).
function choose(node, value) {
  let option = [...node.options].find((o) => Number(o.value) === value);
  if (!option) {
    option = h("option", { value: String(value) }, String(value));
    node.append(option);
  }
  node.value = option.value;
}

function slider(testid, min, max, stepSize, onchange) {
  const node = h("input", { type: "range", min, max, step: stepSize, testid });
  node.addEventListener("change", () => onchange(Number(node.value)));
  return node;
}

function labelled(text, control, readout = null) {
  return h("label", { class: "gs-field" }, h("span", { class: "gs-label" }, text),
    control, ...(readout ? [readout] : []));
}

function download(name, blob) {
  const link = h("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// ---------------------------------------------------------------------------------------
// Colours and pictures.
function mix(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

// A value in [-1, 1] (null: not a number) -> [r, g, b].
function colour(value) {
  if (value === null) return [0, 0, 0];
  const v = Math.max(-1, Math.min(1, value));
  return v < 0 ? mix(MIDDLE, NEGATIVE, -v) : mix(MIDDLE, POSITIVE, v);
}

// Python sends heat maps as base64 text of one byte per cell (view.encode): byte q is the
// value q / 127 - 1 in [-1, 1], and 255 is NaN.
function decode(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

// Paint `cells` x `cells` encoded values (row by row, top first) into a small canvas.
function paintCells(canvas, cells, encoded, encodedClasses = null, discretize = false) {
  const bytes = decode(encoded);
  const classes = encodedClasses ? decode(encodedClasses) : null;
  canvas.width = cells;
  canvas.height = cells;
  const context = canvas.getContext("2d");
  const image = context.createImageData(cells, cells);
  for (let i = 0; i < bytes.length; i++) {
    const v = bytes[i] === 255 ? null : bytes[i] / 127 - 1;
    let rgb;
    if (classes) {
      const strength = discretize ? 1 : 0.25 + 0.75 * (v ?? 0);
      rgb = mix([255, 255, 255], CLASS_COLOURS[classes[i] % CLASS_COLOURS.length], strength * 0.7);
    } else {
      rgb = colour(discretize && v !== null ? Math.sign(v) : v);
    }
    image.data.set([rgb[0], rgb[1], rgb[2], 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
}

function pointColour(label, view) {
  if (view.task === "regression") return colour(label);
  if (view.n_classes > 2) return CLASS_COLOURS[label % CLASS_COLOURS.length];
  return label === 1 ? POSITIVE : NEGATIVE;
}

// ---------------------------------------------------------------------------------------
export function mount(el, backend, options = {}) {
  let view = null;
  let points = null;
  let playing = false;
  let structure = "";
  let shownState = "";
  let queue = Promise.resolve();
  const heat = document.createElement("canvas");

  // One request at a time, in order: a setting changed while playing waits for the step.
  function call(request) {
    const result = queue.then(() => backend.request(request));
    queue = result.then(() => undefined, () => undefined);
    return result.then((reply) => {
      if (reply.error) {
        ui.error.textContent = reply.error;
        shownState = "";  // put the controls back to the settings Python kept
        if (view) show(view);
        return null;
      }
      ui.error.textContent = "";
      return reply;
    }, (failure) => {
      ui.error.textContent = `no answer from Python: ${failure}`;
      pause();
      return null;
    });
  }

  // The settings as they will be once every request sent has been answered: a second
  // click before the first one's answer (two "remove layer" presses) builds on the first.
  let latest = null;
  let outstanding = 0;
  const current = () => latest ?? view.state;

  async function send(request) {
    outstanding++;
    const reply = await call(request);
    outstanding--;
    if (reply) show(reply);
    if (outstanding === 0) latest = null;
    return reply;
  }

  function change(changes) {
    latest = { ...current(), ...changes };
    return send({ action: "update", changes });
  }

  // The controls -------------------------------------------------------------------------
  const ui = {};
  ui.play = h("button", { testid: "play", class: "gs-play", title: "play / pause",
    onclick: () => (playing ? pause() : play()) }, "▶");
  ui.step = h("button", { testid: "step", title: "train one epoch",
    onclick: () => send({ action: "step", epochs: 1 }) }, "Step");
  ui.reset = h("button", { testid: "reset", title: "new weights, epoch 0",
    onclick: () => { pause(); send({ action: "reset" }); } }, "Reset");
  ui.epoch = h("span", { testid: "epoch", class: "gs-epoch" }, "0");
  ui.learningRate = select("learning-rate", LEARNING_RATES.map((r) => [String(r), String(r)]),
    (v) => change({ learning_rate: Number(v) }));
  ui.activation = select("activation", ACTIVATIONS, (v) => change({ activation: v }));
  ui.regularization = select("regularization",
    [["none", "None"], ["l1", "L1"], ["l2", "L2"]], (v) => change({ regularization: v }));
  ui.regularizationRate = select("regularization-rate",
    REG_RATES.map((r) => [String(r), String(r)]), (v) => change({ regularization_rate: Number(v) }));
  ui.optimizer = select("optimizer", OPTIMIZERS, (v) => change({ optimizer: v }));
  ui.loss = select("loss", [["cross_entropy", "Cross-entropy"], ["mse", "Squared error"]],
    (v) => change({ loss: v }));
  ui.loss.title = "for classes (regression always uses the squared error)";
  ui.init = select("init", [["xavier", "Xavier"], ["kaiming", "Kaiming"]],
    (v) => change({ init: v }));
  ui.dropout = select("dropout", [0, 0.1, 0.2, 0.3, 0.5].map((p) => [String(p), String(p)]),
    (v) => change({ dropout: Number(v) }));
  ui.earlyStopping = select("early-stopping",
    [["0", "off"], ["10", "10 epochs"], ["25", "25 epochs"], ["50", "50 epochs"]],
    (v) => change({ early_stopping: Number(v) }));

  ui.dataset = select("dataset", DATASETS, (v) => {
    if (v === "custom" && !current().custom) {
      ui.dataset.value = current().dataset;
      ui.upload.click();
      return;
    }
    change({ dataset: v });
  });
  ui.classes = select("classes", [3, 4, 5].map((k) => [String(k), `${k} classes`]),
    (v) => change({ n_classes: Number(v) }));
  ui.trainRatio = slider("train-ratio", 10, 90, 10, (v) => change({ train_ratio: v }));
  ui.noise = slider("noise", 0, 50, 5, (v) => change({ noise: v }));
  ui.batchSize = slider("batch-size", 1, 30, 1, (v) => change({ batch_size: v }));
  ui.trainRatioText = h("span", { class: "gs-readout" });
  ui.noiseText = h("span", { class: "gs-readout" });
  ui.batchSizeText = h("span", { class: "gs-readout" });
  ui.regenerate = h("button", { testid: "regenerate", onclick: () => send({ action: "regenerate" }) },
    "Regenerate");
  ui.upload = h("input", { type: "file", accept: ".csv,text/csv", testid: "upload",
    class: "gs-hidden" });
  ui.upload.addEventListener("change", async () => {
    const file = ui.upload.files[0];
    if (file) await send({ action: "upload", csv: await file.text() });
    ui.upload.value = "";
  });
  ui.uploadButton = h("button", { onclick: () => ui.upload.click(),
    title: "a CSV file of rows x1,x2,y (y: class 0-9 or a number)" }, "Upload CSV…");

  ui.features = h("div", { class: "gs-features" });
  ui.featureBoxes = {};
  for (const name of FEATURES) {
    const box = h("input", { type: "checkbox", testid: `feature-${name}` });
    box.addEventListener("change", () => {
      const chosen = FEATURES.filter((f) => ui.featureBoxes[f].checked);
      if (chosen.length === 0) box.checked = true;
      else change({ features: chosen });
    });
    ui.featureBoxes[name] = box;
  }
  ui.addLayer = h("button", { testid: "add-layer", title: "add a hidden layer",
    onclick: () => {
      const hidden = current().hidden;
      if (hidden.length >= MAX_LAYERS) return;
      const acts = current().activation;
      const changes = { hidden: [...hidden, hidden.length ? hidden[hidden.length - 1] : 4] };
      if (Array.isArray(acts)) changes.activation = [...acts, acts[acts.length - 1] ?? "tanh"];
      change(changes);
    } }, "+");
  ui.removeLayer = h("button", { testid: "remove-layer", title: "remove the last hidden layer",
    onclick: () => {
      const hidden = current().hidden;
      if (!hidden.length) return;
      const acts = current().activation;
      const changes = { hidden: hidden.slice(0, -1) };
      if (Array.isArray(acts)) changes.activation = acts.slice(0, -1);
      change(changes);
    } }, "−");
  ui.layerCount = h("span", { testid: "layer-count" });
  ui.network = h("div", { class: "gs-network" });
  ui.weightInfo = h("div", { class: "gs-weight-info", testid: "weight-info" },
    "Hover a connection for its weight; click it for its gradient.");

  ui.trainLoss = h("span", { testid: "train-loss" });
  ui.testLoss = h("span", { testid: "test-loss" });
  ui.accuracy = h("span", { testid: "accuracy" });
  ui.curves = h("canvas", { width: 300, height: 70, class: "gs-curves", testid: "curves" });
  ui.boundary = h("canvas", { width: 300, height: 300, testid: "boundary", class: "gs-boundary" });
  ui.showTest = h("input", { type: "checkbox", testid: "show-test" });
  ui.showTest.addEventListener("change", () => change({ show_test: ui.showTest.checked }));
  ui.discretize = h("input", { type: "checkbox", testid: "discretize" });
  ui.discretize.addEventListener("change", () => change({ discretize: ui.discretize.checked }));
  ui.stopped = h("div", { class: "gs-note", testid: "stopped" });

  ui.export = h("button", { testid: "export", onclick: async () => {
    ui.exported.textContent = "exporting…";
    const reply = await call({ action: "export" });
    if (!reply) { ui.exported.textContent = ""; return; }
    ui.exported.textContent = `wrote ${reply.folder}`;
    const bytes = Uint8Array.from(atob(reply.zip), (c) => c.charCodeAt(0));
    download(`${reply.name}.zip`, new Blob([bytes], { type: "application/zip" }));
  } }, "Export run folder");
  ui.exported = h("span", { testid: "exported", class: "gs-note" });
  ui.showGraph = h("button", { testid: "show-graph", onclick: async () => {
    const reply = await call({ action: "graph" });
    if (!reply) return;
    ui.graph.replaceChildren();
    if (reply.format === "svg") ui.graph.innerHTML = reply.text;
    else ui.graph.append(h("p", {}, "Graphviz's dot program is not installed " +
      "(apt install graphviz, brew install graphviz): the graph as DOT text."),
    h("pre", {}, reply.text));
  } }, "Show the graph");
  ui.graph = h("div", { class: "gs-graph", testid: "graph" });
  ui.stateText = h("textarea", { testid: "state-json", rows: 6, spellcheck: "false" });
  ui.applyState = h("button", { testid: "apply-state", onclick: () => {
    let state;
    try { state = JSON.parse(ui.stateText.value); } catch (e) {
      ui.error.textContent = `the state is not JSON: ${e.message}`;
      return;
    }
    pause();
    send({ action: "state", state });
  } }, "Load this state");
  ui.saveState = h("button", { onclick: () => download("playground-state.json",
    new Blob([JSON.stringify(view.state, null, 1)], { type: "application/json" })) },
  "Save state…");
  ui.loadFile = h("input", { type: "file", accept: ".json", class: "gs-hidden" });
  ui.loadFile.addEventListener("change", async () => {
    const file = ui.loadFile.files[0];
    if (!file) return;
    ui.stateText.value = await file.text();
    ui.loadFile.value = "";
    ui.applyState.click();
  });
  ui.error = h("div", { class: "gs-error", testid: "error", role: "alert" });

  // The layout: TensorFlow Playground's (controls on top; data, network, output below).
  const root = h("div", { class: "gs-playground" },
    h("div", { class: "gs-top" }, ui.reset, ui.play, ui.step,
      h("div", { class: "gs-field" }, h("span", { class: "gs-label" }, "Epoch"), ui.epoch),
      labelled("Learning rate", ui.learningRate), labelled("Activation", ui.activation),
      labelled("Regularization", ui.regularization),
      labelled("Regularization rate", ui.regularizationRate),
      labelled("Optimizer", ui.optimizer), labelled("Loss", ui.loss),
      labelled("Initialisation", ui.init),
      labelled("Dropout", ui.dropout), labelled("Early stopping", ui.earlyStopping)),
    ui.error,
    h("div", { class: "gs-main" },
      h("div", { class: "gs-column gs-data" }, h("h3", {}, "Data"),
        labelled("Dataset", ui.dataset), labelled("Blobs", ui.classes),
        labelled("Ratio of training data", ui.trainRatio, ui.trainRatioText),
        labelled("Noise", ui.noise, ui.noiseText),
        labelled("Batch size", ui.batchSize, ui.batchSizeText),
        h("div", {}, ui.regenerate, " ", ui.uploadButton, ui.upload)),
      h("div", { class: "gs-column gs-middle" },
        h("div", { class: "gs-layers" }, h("h3", {}, "Hidden layers"), ui.addLayer,
          ui.removeLayer, ui.layerCount),
        ui.network, ui.weightInfo),
      h("div", { class: "gs-column gs-output" }, h("h3", {}, "Output"),
        h("div", {}, "Test loss ", ui.testLoss),
        h("div", {}, "Training loss ", ui.trainLoss),
        h("div", {}, ui.accuracy), ui.curves, ui.boundary,
        h("label", {}, ui.showTest, " Show test data"),
        h("label", {}, ui.discretize, " Discretize output"), ui.stopped)),
    h("div", { class: "gs-bottom" },
      h("div", {}, ui.export, " ", ui.exported),
      h("div", {}, ui.showGraph), ui.graph,
      h("details", {}, h("summary", {}, "State (JSON)"), ui.stateText,
        h("div", {}, ui.applyState, " ", ui.saveState, " ",
          h("button", { onclick: () => ui.loadFile.click() }, "Open state file…"), ui.loadFile))));
  el.append(root);

  // Showing a reply ------------------------------------------------------------------------
  function show(reply) {
    view = reply;
    if (reply.points) points = reply.points;
    const s = reply.state;
    ui.epoch.textContent = String(reply.epoch);
    ui.trainLoss.textContent = reply.train_loss === null ? "NaN" : reply.train_loss.toFixed(4);
    ui.testLoss.textContent = reply.test_loss === null ? "NaN" : reply.test_loss.toFixed(4);
    ui.accuracy.textContent = reply.test_accuracy === null ? "" :
      `Test accuracy ${(100 * reply.test_accuracy).toFixed(1)} %`;
    ui.stopped.textContent = reply.stopped ? "Early stopping: the test loss stopped improving." : "";
    const text = JSON.stringify(s);
    if (text !== shownState) {  // while playing, the settings stay as they are
      shownState = text;
      setControls(s);
      if (options.onState) options.onState(s);
    }
    drawBoundary();
    drawCurves();
    drawNetwork();
  }

  function setControls(s) {
    const value = (control, v) => { if (document.activeElement !== control) control.value = v; };
    choose(ui.learningRate, s.learning_rate);
    choose(ui.regularizationRate, s.regularization_rate);
    choose(ui.dropout, s.dropout);
    choose(ui.earlyStopping, s.early_stopping);
    ui.activation.value = Array.isArray(s.activation) ? s.activation[0] : s.activation;
    ui.regularization.value = s.regularization;
    ui.optimizer.value = s.optimizer;
    ui.loss.value = s.loss;
    ui.loss.disabled = view.task === "regression";
    ui.init.value = s.init;
    ui.dataset.value = s.dataset;
    ui.classes.value = String(s.n_classes);
    ui.classes.disabled = s.dataset !== "blobs";
    value(ui.trainRatio, s.train_ratio);
    value(ui.noise, s.noise);
    value(ui.batchSize, s.batch_size);
    ui.trainRatioText.textContent = `${s.train_ratio} %`;
    ui.noiseText.textContent = `${s.noise} %`;
    ui.batchSizeText.textContent = String(s.batch_size);
    for (const name of FEATURES) ui.featureBoxes[name].checked = s.features.includes(name);
    ui.layerCount.textContent = `${s.hidden.length} hidden layer${s.hidden.length === 1 ? "" : "s"}`;
    ui.showTest.checked = s.show_test;
    ui.discretize.checked = s.discretize;
    if (document.activeElement !== ui.stateText) ui.stateText.value = shownState;
  }

  function drawBoundary() {
    const { cells, values, classes } = view.boundary;
    paintCells(heat, cells, values, classes ?? null, view.state.discretize);
    const canvas = ui.boundary;
    const context = canvas.getContext("2d");
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = "high";
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(heat, 0, 0, canvas.width, canvas.height);
    const scale = canvas.width / 12;
    const parts = [["train", "white"]];
    if (view.state.show_test) parts.push(["test", "black"]);
    for (const [part, stroke] of parts) {
      for (const [x1, x2, label] of points[part]) {
        const [r, g, b] = pointColour(label, view);
        context.beginPath();
        context.arc((x1 + 6) * scale, (6 - x2) * scale, 3, 0, 2 * Math.PI);
        context.fillStyle = `rgb(${r},${g},${b})`;
        context.fill();
        context.strokeStyle = stroke;
        context.lineWidth = 1;
        context.stroke();
      }
    }
  }

  function drawCurves() {
    const canvas = ui.curves;
    const context = canvas.getContext("2d");
    context.clearRect(0, 0, canvas.width, canvas.height);
    const curves = [[view.curves.train_loss, "#999"], [view.curves.test_loss, "#222"]];
    const all = curves.flatMap(([c]) => c.map(([, y]) => y)).filter((y) => y !== null);
    const top = Math.max(...all, 1e-9);
    const last = Math.max(view.epoch, 1);
    for (const [curve, stroke] of curves) {
      context.beginPath();
      curve.forEach(([x, y], i) => {
        const px = (x / last) * (canvas.width - 2) + 1;
        const py = canvas.height - 2 - ((y ?? top) / top) * (canvas.height - 4);
        if (i === 0) context.moveTo(px, py); else context.lineTo(px, py);
      });
      context.strokeStyle = stroke;
      context.lineWidth = 1.5;
      context.stroke();
    }
  }

  // The network: one column per layer (the features first), a small heat map per neuron,
  // connections coloured by the sign of their weight and as wide as its size.
  const NODE = 34;
  const COLUMN = 96;
  const ROW = 48;
  const TOP = 84; // room for each column's buttons and activation
  function drawNetwork() {
    const s = view.state;
    const sizes = [FEATURES.length, ...s.hidden, view.task === "classification" ? view.n_classes : 1];
    const key = JSON.stringify([s.features, s.hidden, s.activation, sizes]);
    if (key !== structure) buildNetwork(s, sizes, key);
    const layers = view.neurons.layers;
    FEATURES.forEach((name, i) => {
      paintCells(ui.nodes[0][i], view.neurons.cells, layers[0][i]);
      ui.nodes[0][i].classList.toggle("gs-off", !s.features.includes(name));
    });
    for (let k = 1; k < layers.length; k++) {
      layers[k].forEach((values, i) => paintCells(ui.nodes[k][i], view.neurons.cells, values));
    }
    const largest = Math.max(1e-9, ...view.weights.flat(2).map((w) => Math.abs(w ?? 0)));
    for (const link of ui.links) {
      const w = view.weights[link.layer][link.from][link.to];
      const width = w === null ? 1 : 0.5 + 5 * Math.min(1, Math.abs(w) / Math.max(largest, 1));
      const [r, g, b] = w === null ? [0, 0, 0] : (w < 0 ? NEGATIVE : POSITIVE);
      link.path.setAttribute("stroke", `rgb(${r},${g},${b})`);
      link.path.setAttribute("stroke-width", width.toFixed(2));
      link.title.textContent = `weight ${w}`;
    }
  }

  function buildNetwork(s, sizes, key) {
    structure = key;
    ui.network.replaceChildren();
    ui.nodes = [];
    ui.links = [];
    const tallest = Math.max(...sizes.map((n, k) => (k === 0 ? FEATURES.length : n)));
    const width = COLUMN * (sizes.length - 1) + NODE + 8;
    const height = ROW * tallest + TOP;
    const svgNS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.classList.add("gs-links");
    const box = h("div", { class: "gs-network-box", style: `width:${width}px;height:${height}px` });
    box.append(svg);
    const centre = (k, i) => [4 + k * COLUMN + NODE / 2, TOP + i * ROW + NODE / 2];
    // Only the chosen features are inputs of the network: row i of layer 0's weights is
    // the i-th chosen feature.
    const inputRows = FEATURES.map((name) => s.features.indexOf(name));
    const total = [s.features.length, ...sizes.slice(1)].reduce(
      (sum, n, k, all) => sum + (k ? all[k - 1] * n : 0), 0);
    ui.weightInfo.textContent = total > MAX_LINKS
      ? `${total} connections: too many to draw (at most ${MAX_LINKS}); the pictures still show every neuron.`
      : "Hover a connection for its weight; click it for its gradient.";
    for (let k = 0; k < (total > MAX_LINKS ? 0 : sizes.length - 1); k++) {
      const inputs = k === 0 ? FEATURES.length : sizes[k];
      for (let a = 0; a < inputs; a++) {
        const from = k === 0 ? inputRows[a] : a;
        if (from < 0) continue;
        const outputs = sizes[k + 1];
        for (let b = 0; b < outputs; b++) {
          const [x1, y1] = centre(k, a);
          const [x2, y2] = centre(k + 1, b);
          const path = document.createElementNS(svgNS, "path");
          const mid = (x1 + x2) / 2;
          path.setAttribute("d", `M${x1 + NODE / 2},${y1} C${mid},${y1} ${mid},${y2} ${x2 - NODE / 2},${y2}`);
          path.setAttribute("fill", "none");
          path.classList.add("gs-link");
          const title = document.createElementNS(svgNS, "title");
          path.append(title);
          const link = { layer: k, from, to: b, path, title };
          path.addEventListener("mouseenter", () => {
            ui.weightInfo.textContent = `layer ${k + 1}, ${a + 1} → ${b + 1}: weight ${view.weights[k][from][b]}`;
          });
          path.addEventListener("click", () => {
            const grads = view.grads[k];
            const grad = grads ? grads[from][b] : "none yet (train a step first)";
            ui.weightInfo.textContent = `layer ${k + 1}, ${a + 1} → ${b + 1}: weight ` +
              `${view.weights[k][from][b]}, gradient of the last batch's loss ${grad}`;
          });
          svg.append(path);
          ui.links.push(link);
        }
      }
    }
    const acts = Array.isArray(s.activation) ? s.activation : s.hidden.map(() => s.activation);
    for (let k = 0; k < sizes.length; k++) {
      const column = [];
      const count = k === 0 ? FEATURES.length : sizes[k];
      const [x] = centre(k, 0);
      if (k === sizes.length - 1) {
        box.append(h("div", { class: "gs-column-head", style: `left:${x - 55}px` }, "Output"));
      } else if (k === 0) {
        box.append(h("div", { class: "gs-column-head", style: `left:${x - 40}px` }, "Features"));
      } else {
        const layer = k - 1;
        const more = h("button", { testid: `add-neuron-${layer}`, onclick: () => {
          const hidden = [...current().hidden];
          hidden[layer] = Math.min(MAX_NEURONS, hidden[layer] + 1);
          change({ hidden });
        } }, "+");
        const fewer = h("button", { testid: `remove-neuron-${layer}`, onclick: () => {
          const hidden = [...current().hidden];
          hidden[layer] = Math.max(1, hidden[layer] - 1);
          change({ hidden });
        } }, "−");
        const act = select(`activation-${layer}`, ACTIVATIONS, (v) => {
          const now = current();
          const list = Array.isArray(now.activation) ? [...now.activation]
            : now.hidden.map(() => now.activation);
          list[layer] = v;
          change({ activation: list });
        });
        act.value = acts[layer];
        box.append(h("div", { class: "gs-column-head", style: `left:${x - 40}px` },
          more, fewer, h("br"), `${sizes[k]} neurons`, h("br"), act));
      }
      for (let i = 0; i < count; i++) {
        const [cx, cy] = centre(k, i);
        const place = `left:${cx - NODE / 2}px;top:${cy - NODE / 2}px`;
        if (k === sizes.length - 1) {  // an output: its picture is the boundary
          box.append(h("div", { class: "gs-node gs-output-node", style: place,
            title: view.task === "regression" ? "the prediction" : `class ${i}` },
          view.task === "regression" ? "ŷ" : String(i)));
          continue;
        }
        const canvas = h("canvas", { class: "gs-node", width: 20, height: 20, style: place });
        if (k === 0) {
          const name = FEATURES[i];
          canvas.title = FEATURE_LABELS[name];
          const label = h("label", { class: "gs-feature-label",
            style: `left:${cx - NODE / 2 - 4}px;top:${cy + NODE / 2}px` },
          ui.featureBoxes[name], FEATURE_LABELS[name]);
          box.append(label);
          canvas.addEventListener("click", () => ui.featureBoxes[name].click());
        }
        box.append(canvas);
        column.push(canvas);
      }
      if (column.length) ui.nodes.push(column);
    }
    ui.network.append(box);
  }

  // Playing: step after step. The next step is asked for before the last one is drawn,
  // so Python trains while the browser paints.
  async function play() {
    playing = true;
    ui.play.textContent = "⏸";
    ui.play.classList.add("gs-playing");
    let next = call({ action: "step", epochs: 1 });
    while (next) {
      const reply = await next;
      next = playing && reply && !reply.stopped ? call({ action: "step", epochs: 1 }) : null;
      if (reply) show(reply);
      if (!reply || reply.stopped) pause();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  function pause() {
    playing = false;
    ui.play.textContent = "▶";
    ui.play.classList.remove("gs-playing");
  }

  send(options.initialState ? { action: "state", state: options.initialState } : { action: "view" })
    .then((reply) => { if (!reply && options.initialState) send({ action: "view" }); });
  return () => { pause(); root.remove(); };
}

// The Jupyter widget: requests travel as the widget's custom messages.
function widgetBackend(model) {
  let next = 0;
  const waiting = new Map();
  const listener = (message) => {
    const resolve = waiting.get(message.id);
    if (resolve) { waiting.delete(message.id); resolve(message.reply); }
  };
  model.on("msg:custom", listener);
  return {
    request(request) {
      const id = next++;
      return new Promise((resolve) => { waiting.set(id, resolve); model.send({ id, request }); });
    },
    close() { model.off("msg:custom", listener); },
  };
}

export default {
  render({ model, el }) {
    const backend = widgetBackend(model);
    const unmount = mount(el, backend);
    return () => { unmount(); backend.close(); };
  },
};
