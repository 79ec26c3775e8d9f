-- login.lua: wrk script that posts a demo login (one argon2id verification per request).
wrk.method = "POST"
wrk.body = '{"email":"leder@frivillig.demo","password":"Demo-passord-2026"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Portal-Request"] = "1"
