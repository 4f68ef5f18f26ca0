// The page's adapter: the shared front end (playground.js) talking to the local server
// (POST /api), with the state kept in the page's URL (#state=<JSON>), so that a link
// reopens the same experiment.
import { mount } from "./playground.js";

const backend = {
  async request(request) {
    const response = await fetch("/api", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  },
};

function stateFromUrl() {
  const match = location.hash.match(/^#state=(.*)$/);
  if (!match) return null;
  try {
    return JSON.parse(decodeURIComponent(match[1]));
  } catch {
    return null;
  }
}

mount(document.getElementById("app"), backend, {
  initialState: stateFromUrl(),
  onState(state) {
    history.replaceState(null, "", `#state=${encodeURIComponent(JSON.stringify(state))}`);
  },
});
