/**
 * Every command of the corpus on which the lite sandbox is known to differ from bash 5 + GNU, and why. A new
 * difference fails the differential test, and so does one listed here that now agrees (remove it). None of
 * them may lose data: those are fixed, never listed.
 */

/** Why a command differs, and what the model should use instead. */
export interface ExpectedDifference {
  why: string;
  instead?: string;
}

const SAFER = 'Refused on purpose: the lite sandbox never removes the work dir or the cwd.';
const AWK = "just-bash's awk, not gawk:";
const CORE = "just-bash's shell:";
const GLOB = `${CORE} a glob ending in \`/\` matches every entry, not only directories, and drops the slash.`;
const NO_BC = 'There is no `bc`.';
const BC_INSTEAD = '`$(( ))` for integers, `awk \'BEGIN{print 2^10}\'` for decimals.';

export const EXPECTED_DIFFERENCES: Record<string, ExpectedDifference> = {
  'ls -d */': { why: GLOB, instead: '`find . -maxdepth 1 -mindepth 1 -type d`.' },
  'echo */': { why: GLOB, instead: '`find . -maxdepth 1 -mindepth 1 -type d`.' },
  "awk 'length > 28' data/log.txt": { why: `${AWK} \`length\` without parentheses is not the line's length.`, instead: '`length($0)`.' },
  "awk -F, 'NR==1{next} {print $2 > $4\".txt\"}' data/users.csv && ls *.txt": {
    why: `${AWK} \`print > $4".txt"\` writes to \`$4\`, not to the concatenation.`,
    instead: '`print > ($4 ".txt")`.',
  },
  'awk \'BEGIN{print length("héllo")}\'': { why: `${AWK} counts characters; gawk in the C locale counts bytes.` },
  'awk \'BEGIN{printf "%d items\\n", "42abc"}\'': { why: `${AWK} a string with a number prefix converts to 0.`, instead: '`+0` on clean numbers.' },
  'awk \'{print $1 > "/dev/stderr"}\' data/words.txt': { why: `${AWK} \`/dev/stderr\` is not special.`, instead: '`print ... | "cat 1>&2"`.' },
  "awk '{print $1' data/log.txt": { why: `${AWK} its syntax errors are worded differently.` },
  "jq -r '@csv' <<< '[1,\"a\"]'": { why: "just-bash's jq: `@csv` does not quote strings.", instead: '`map(tojson) | join(",")`.' },
  'paste -sd+ data/numbers.txt | bc': { why: NO_BC, instead: BC_INSTEAD },
  'seq 5 | paste -sd+ | bc': { why: NO_BC, instead: BC_INSTEAD },
  'echo "2^10" | bc': { why: NO_BC, instead: BC_INSTEAD },
  'diff <(sort data/words.txt) <(sort -u data/words.txt)': {
    why: 'Both diffs are correct; where lines repeat, jsdiff pairs them up differently from GNU diff.',
  },
  'od -c <<< "ab" | head -1': { why: "just-bash's od pads `-c` columns one space wider." },
  'rm -r ../project': { why: SAFER },
  'mkdir -p tmpdir && cd tmpdir && rm -rf ../tmpdir; pwd': { why: SAFER, instead: '`cd ..` first.' },
  'unset x; echo ${x:?is not set}': { why: `${CORE} the message lacks the variable's name and the status is 1, not 127.` },
  'echo $((1/0))': { why: `${CORE} the message lacks the expression and the error token.` },
  'echo $((5 +))': { why: `${CORE} the message lacks the expression.` },
  'echo $(( 9223372036854775807 + 1 ))': { why: `${CORE} arithmetic is JavaScript's double, not 64-bit integers.` },
  'x=010; echo $((x + 1))': { why: `${CORE} a leading 0 does not make a variable's value octal.`, instead: '`$((8#10))`.' },
  'declare -A c; while read w; do c[$w]=$(( ${c[$w]:-0} + 1 )); done < data/words.txt; echo ${c[apple]}': {
    why: `${CORE} inside \`$(( ))\`, \`\${c[$w]:-0}\` (a default on an element with a variable subscript) always gives the default.`,
    instead: '`(( c[$w]++ ))` or `$(( c[$w] + 1 ))`.',
  },
  'fact() { if (( $1 <= 1 )); then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 5': {
    why: `${CORE} a function is not found inside \`$( )\` nested in \`$(( ))\`.`,
    instead: 'a variable first: `r=$(fact 4); echo $(( 5 * r ))`.',
  },
  'for i in 1 2 3 4 5; do [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo $i; done': {
    why: `${CORE} a loop left by \`break\` keeps the status of the test before it (1), bash's is 0.`,
  },
  '[ 1 -eq a ]': { why: `${CORE} \`[\` says nothing about a non-integer (status 2 in both).` },
  'select x in a; do break; done < /dev/null; echo done': { why: `${CORE} there is no \`select\`.`, instead: 'a `for` loop.' },
  'cd src extra': { why: `${CORE} \`cd\` ignores extra operands.` },
  'if true; then echo x': { why: `${CORE} syntax errors are worded differently (status 2 in both).` },
  'for i in 1 2 3 do echo $i done': { why: `${CORE} syntax errors are worded differently (status 2 in both).` },
  'set -u; echo $nope': { why: `${CORE} an unbound variable ends the script with status 1, bash's is 127.` },
  'ls README.md missing &> both.txt; cat both.txt': {
    why: "A command's stdout and stderr reach one file in that order (all stdout, then all stderr), not interleaved.",
  },
  'echo hi > nodir/file.txt': { why: `${CORE} a redirection into a missing directory creates it.`, instead: '`mkdir -p` first, as on a real system.' },
  'echo "x" >> new/deep.txt': { why: `${CORE} a redirection into a missing directory creates it.`, instead: '`mkdir -p` first, as on a real system.' },
  'cat <<EOF\nunterminated heredoc': { why: `${CORE} no warning for a here-document without its end line.` },
  "env -i A=1 bash -c 'echo $A'": { why: '`env -i` does not pass its assignments on to a nested `bash -c`.', instead: '`A=1 bash -c …`.' },
};
