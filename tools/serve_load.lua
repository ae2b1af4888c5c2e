-- wrk script for tools/serve_load.sh: POSTs the article in $DYAD_LOAD_BODY
-- to /v1/code.
local f = assert(io.open(os.getenv("DYAD_LOAD_BODY"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
