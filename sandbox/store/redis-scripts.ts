/**
 * The Redis store's writes as Lua scripts, so each runs atomically in one round trip: the row, its
 * indexes and the caps change together even when several machines write at once.
 *
 * Layout: `session:<id>` holds the serialized session (Flask-Session's key and value), with a TTL;
 * `session-info:<id>` is a hash of its owner, user and expiry with the same TTL; sorted sets scored
 * by expiry index every row (`session-index:all`), each owner's and each user's rows. An index entry
 * whose row has expired is dropped the next time that index is touched, and an owner's or user's
 * index itself expires with its last row.
 */

const helpers = `
local all = 'session-index:all'
local function owner_index(owner) return 'session-index:owner:' .. owner end
local function user_index(user) return 'session-index:user:' .. user end
-- Removes a row and its index entries; 1 when its value was still there.
local function drop(id)
  local info = redis.call('HMGET', 'session-info:' .. id, 'owner', 'user')
  local existed = redis.call('DEL', 'session:' .. id)
  redis.call('DEL', 'session-info:' .. id)
  redis.call('ZREM', all, id)
  if info[1] then redis.call('ZREM', owner_index(info[1]), id) end
  if info[2] then redis.call('ZREM', user_index(info[2]), id) end
  return existed
end
-- Adds an entry to an index, forgets its expired entries, and lets the index expire with its last row.
local function index_add(key, expires_at, id, now)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  redis.call('ZADD', key, expires_at, id)
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  redis.call('PEXPIREAT', key, last[2])
end
-- Drops the \`excess\` first-expiring rows of an index.
local function trim(key, excess)
  if excess <= 0 then return end
  for _, id in ipairs(redis.call('ZRANGE', key, 0, excess - 1)) do drop(id) end
end
`;

/** ARGV: id, value, owner, user ('' for none), expiresAt, now, maxPerOwner, maxRows. */
export const saveScript = `${helpers}
local id, value, owner, user = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local expires_at, now = tonumber(ARGV[5]), tonumber(ARGV[6])
local max_per_owner, max_rows = tonumber(ARGV[7]), tonumber(ARGV[8])
redis.call('ZREMRANGEBYSCORE', all, '-inf', now)
drop(id)
if expires_at <= now then return 0 end
redis.call('SET', 'session:' .. id, value, 'PXAT', expires_at)
redis.call('HSET', 'session-info:' .. id, 'owner', owner, 'expiresAt', expires_at)
if user ~= '' then redis.call('HSET', 'session-info:' .. id, 'user', user) end
redis.call('PEXPIREAT', 'session-info:' .. id, expires_at)
index_add(all, expires_at, id, now)
index_add(owner_index(owner), expires_at, id, now)
if user ~= '' then index_add(user_index(user), expires_at, id, now) end
trim(owner_index(owner), redis.call('ZCARD', owner_index(owner)) - max_per_owner)
trim(all, redis.call('ZCARD', all) - max_rows)
return 1
`;

/** ARGV: id. Returns [value, owner, user or false, expiresAt] or nil. */
export const getScript = `
local id = ARGV[1]
local value = redis.call('GET', 'session:' .. id)
if not value then return nil end
local info = redis.call('HMGET', 'session-info:' .. id, 'owner', 'user', 'expiresAt')
if not info[1] then return nil end
return { value, info[1], info[2] or '', info[3] }
`;

/** ARGV: id. Returns 1 when a live row was removed. */
export const deleteScript = `${helpers}
return drop(ARGV[1])
`;

/** ARGV: user, now. Returns how many live rows were removed. */
export const deleteUserScript = `${helpers}
local key = user_index(ARGV[1])
redis.call('ZREMRANGEBYSCORE', key, '-inf', tonumber(ARGV[2]))
local removed = 0
for _, id in ipairs(redis.call('ZRANGE', key, 0, -1)) do removed = removed + drop(id) end
redis.call('DEL', key)
return removed
`;
