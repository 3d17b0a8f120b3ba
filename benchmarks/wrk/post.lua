-- POSTs the file named by BODY_FILE; sends Inference-Header-Content-Length when HEADER_LENGTH is set.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local hl = os.getenv("HEADER_LENGTH")
if hl and hl ~= "" then
  wrk.headers["Inference-Header-Content-Length"] = hl
  wrk.headers["Content-Type"] = "application/octet-stream"
end
