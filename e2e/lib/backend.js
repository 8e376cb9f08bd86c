/*
 * The backend as a script sees it: calls with the run's static token.
 */
const { BACKEND, TOKEN } = require('./config');

const authHeaders = { Authorization: `Bearer ${TOKEN}` };
const jsonHeaders = { ...authHeaders, 'Content-Type': 'application/json' };

/** `fetch` on a backend path with the token (and JSON headers when sending a body). */
function backendFetch(path, init = {}) {
  return fetch(`${BACKEND}${path}`, {
    ...init,
    headers: init.body !== undefined ? jsonHeaders : authHeaders,
  });
}

/** GET a backend path with the token and read the JSON answer. */
async function backendJson(path) {
  return (await backendFetch(path)).json();
}

module.exports = { BACKEND, backendFetch, backendJson };
