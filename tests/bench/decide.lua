-- decide.lua: wrk script that decides prepared cases (state recommended), each once: thread t of n
-- takes cases first+t-1, first+t-1+n, ... (run with as many threads as connections), so no two
-- requests decide the same case. Every request grants the applied amount.
-- args: first case id, number of threads, tenant slug, amount
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  first = tonumber(args[1])
  step = tonumber(args[2])
  slug = args[3]
  body = '{"outcome":"grant","amount":' .. tonumber(args[4]) .. '}'
  k = 0
end
function request()
  local id = first + tid - 1 + k * step
  k = k + 1
  return wrk.format("POST", "/api/v1/tenants/" .. slug .. "/applications/" .. id .. "/decide", nil, body)
end
