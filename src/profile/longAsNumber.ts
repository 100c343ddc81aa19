// protobufjs decodes int64 fields to Long objects when the `long` package is present (it is a
// dependency of protobufjs), and the generated code takes its field defaults from that choice
// when it loads. Profiles only hold values below 2^53, and plain numbers avoid an allocation
// per field, so Long is switched off here, and the generated code (proto/profile.js, rewritten
// by `npm run proto`) requires protobufjs through this module: whoever imports it first, it
// always sees numbers.
import * as protobufjs from 'protobufjs/minimal';

(protobufjs.util as { Long: unknown }).Long = undefined;
protobufjs.configure();

export const protobuf = protobufjs;
