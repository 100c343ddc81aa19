// protobufjs decodes int64 fields to Long objects when the `long` package is present (it is a
// dependency of protobufjs). Profiles only hold values below 2^53, and plain numbers avoid an
// allocation per field, so Long is switched off before the generated code captures its defaults.
// Import this module before ./proto/profile.
import * as protobuf from 'protobufjs/minimal';

(protobuf.util as { Long: unknown }).Long = undefined;
protobuf.configure();
