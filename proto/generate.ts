// `npm run proto:gen`: regenerates libs/contracts/src/generated from the .proto files; the result is committed.
//
// It imports the generator module directly rather than through @finetune/contracts, whose index
// re-exports the very files this replaces and so cannot load while they are missing or stale.
import { GENERATED_DIR, generateContractTypes } from '../libs/contracts/src/generate-types';
import { PROTO_FILES } from '../libs/contracts/src/proto-files';

function outDirFromArgs(argv: readonly string[]): string {
  const flag = argv.indexOf('--out-dir');
  if (flag === -1) return GENERATED_DIR;
  const value = argv[flag + 1];
  if (!value) throw new Error('--out-dir needs a directory, e.g. --out-dir /tmp/contracts');
  return value;
}

const outDir = outDirFromArgs(process.argv.slice(2));
generateContractTypes(outDir);
console.log(`proto:gen: ${PROTO_FILES.length} .proto files -> ${outDir}`);
