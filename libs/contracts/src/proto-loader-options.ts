// The one set of @grpc/proto-loader options: the runtime loads with them and the types are generated with them.
import type { Options } from '@grpc/proto-loader';
import { PROTO_ROOT } from './proto-files';

/**
 * Options every service passes to `protoLoader.loadSync(PROTO_FILES, PROTO_LOADER_OPTIONS)`. The
 * generated types assume exactly these: snake_case field names as written in the .proto files,
 * int64 as decimal strings (a global_step can pass 2^53), enums as their names, unset fields filled
 * with defaults, and a virtual property naming the set member of each oneof.
 */
export const PROTO_LOADER_OPTIONS = Object.freeze({
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
}) satisfies Options;
