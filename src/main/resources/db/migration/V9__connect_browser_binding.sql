-- A connect flow is bound to the browser that started it: the hash of a random value that the connect call set as
-- an HttpOnly cookie in that browser. A callback without it (another browser, e.g. a victim who was sent the
-- attacker's authorization URL) is refused unless the signed-in user who started the flow passes it on themselves.
alter table oauth_states add column browser_binding_hash varchar(64);
