-- draft.lua: wrk script that saves a draft again and again, one draft per thread (run with as
-- many threads as connections), following the ETag so every save is a real, durable update.
-- args: first draft id, file with the draft JSON
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  id = tonumber(args[1]) + tid - 1
  version = 1
  local f = assert(io.open(args[2], "r"))
  body = f:read("*a")
  f:close()
end
function request()
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end   -- the -H headers (cookie, CSRF, type)
  h["If-Match"] = '"v' .. version .. '"'
  return wrk.format("PUT", "/api/v1/applications/" .. id, h, body)
end
function response(status, headers)
  local etag = headers["ETag"] or headers["etag"]
  if etag then version = tonumber(string.match(etag, "v(%d+)")) end
end
