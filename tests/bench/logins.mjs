// logins.mjs: `make bench`'s logins (each one argon2id verification), from several client addresses.
// wrk sends from one address, and the portal lets one address have one hash in flight, so this
// connects from addresses of 127.0.0.0/8 instead (Linux accepts binding any of them; nginx passes
// the peer address to the workers as REMOTE_ADDR).
//
//   node logins.mjs BASE SECONDS HONEST [FLOODERS CONNECTIONS]
//
// HONEST clients, each from an address of its own (127.0.2.x), log in with the demo password one
// after another for SECONDS; meanwhile FLOODERS addresses (127.0.1.x), each with CONNECTIONS in
// flight, send wrong passwords for unknown addresses (each still costs a hash). Prints one line:
//   honest=N ok=N rps=R p50=MS p99=MS flood=N flood_statuses={...}
import http from 'node:http';
import { randomBytes } from 'node:crypto';

const [base, seconds, honestN, floodN = '0', conns = '1'] = process.argv.slice(2);
const url = new URL('/api/v1/auth/login', base);
const end = Date.now() + Number(seconds) * 1000;

function login(agent, email, password) {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve) => {
    const r = http.request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
        'x-portal-request': '1', origin: url.origin },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    r.on('error', () => resolve('error'));
    r.end(body);
  });
}

const agentFor = (localAddress) => new http.Agent({ keepAlive: true, localAddress, maxSockets: 64 });
const latencies = [];
let ok = 0;
const flood = {};

async function honest(i) {
  const agent = agentFor(`127.0.2.${i + 1}`);
  while (Date.now() < end) {
    const t0 = process.hrtime.bigint();
    const status = await login(agent, 'leder@frivillig.demo', 'Demo-passord-2026');
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (status === 200) ok++;
  }
}

async function flooder(agent) {
  while (Date.now() < end + 500) { // a little past the honest clients, so none runs unflooded
    const status = await login(agent, `flom-${randomBytes(4).toString('hex')}@eksempel.no`, 'feil-passord-flom');
    flood[status] = (flood[status] || 0) + 1;
  }
}

const floods = [];
for (let a = 0; a < Number(floodN); a++) {
  const agent = agentFor(`127.0.1.${a + 1}`);
  for (let c = 0; c < Number(conns); c++) floods.push(flooder(agent));
}
await Promise.all([...Array.from({ length: Number(honestN) }, (_, i) => honest(i)), ...floods]);
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
const floodTotal = Object.values(flood).reduce((a, n) => a + n, 0);
console.log(`honest=${latencies.length} ok=${ok} rps=${(ok / Number(seconds)).toFixed(1)} p50=${pct(50).toFixed(1)} ` +
  `p99=${pct(99).toFixed(1)} flood=${floodTotal} flood_statuses=${JSON.stringify(flood)}`);
process.exit(0);
