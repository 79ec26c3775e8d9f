-- submit.lua: wrk script that signs and submits prepared drafts, each once; thread t of n takes
-- drafts first+t-1, first+t-1+n, ... (run with as many threads as connections).
-- args: first draft id, number of threads
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  first = tonumber(args[1])
  step = tonumber(args[2])
  k = 0
end
function request()
  local id = first + tid - 1 + k * step
  k = k + 1
  return wrk.format("POST", "/api/v1/applications/" .. id .. "/submit", nil, "{}")
end
