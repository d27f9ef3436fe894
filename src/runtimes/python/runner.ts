/**
 * The Python side of `python3` in the lite sandbox: CPython's command line (-c, -m, a file, stdin) on a warm
 * interpreter, each run in a fresh `__main__`, with the user's own modules forgotten after it so an edited
 * module is imported anew next time.
 */

/** The file name the runner's frames carry (left out of tracebacks). */
export const RUNNER_FILE = '<autopilot-python>';

/** Python source defining `_autopilot_main(request_json, stdin_bytes) -> int`. */
export const RUNNER_SOURCE = String.raw`
import atexit, builtins, importlib, io, json, os, runpy, sys, traceback, types

_BASE_PATH = [p for p in sys.path if p]
_BASE_MODULES = set(sys.modules)
_STDLIB = os.path.dirname(os.__file__)
_USAGE = "usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ..."
_HELP = _USAGE + """
Options (Python in the lite sandbox, on Pyodide):
-c cmd : program passed in as string (terminates option list)
-m mod : run library module as a script (terminates option list)
-V     : print the Python version number and exit (also --version)
-h     : print this help message and exit (also --help)
-u -B -E -I -s -S -q -O -W arg -X opt : accepted, and ignored
file   : program read from script file
-      : program read from stdin (default)
arg ...: arguments passed to program in sys.argv[1:]
"""


class _Usage(Exception):
    pass


def _stream(fd, current):
    # a script may close or replace sys.stdout (json.tool closes its outfile): each run starts with open ones
    if current is not None and not current.closed and getattr(current, "fileno", None) and _fileno(current) == fd:
        return current
    return io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding="utf-8", errors="backslashreplace", line_buffering=True)


def _fileno(stream):
    try:
        return stream.fileno()
    except Exception:
        return -1


_STDOUT = sys.stdout
_STDERR = sys.stderr


def _parse(argv):
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--version",):
            return ("version", None, [])
        if arg in ("--help", "-?"):
            return ("help", None, [])
        if arg == "-":
            return ("stdin", "-", argv[i + 1:])
        if arg == "--":
            i += 1
            break
        if arg.startswith("--"):
            raise _Usage("unknown option " + arg)
        if not arg.startswith("-"):
            break
        j = 1
        while j < len(arg):
            flag = arg[j]
            if flag in "cm":
                rest = arg[j + 1:]
                if rest:
                    return (flag, rest, argv[i + 1:])
                if i + 1 >= len(argv):
                    raise _Usage("Argument expected for the -" + flag + " option")
                return (flag, argv[i + 1], argv[i + 2:])
            if flag in "WX":
                if not arg[j + 1:]:
                    i += 1
                break
            if flag == "V":
                return ("version", None, [])
            if flag == "h":
                return ("help", None, [])
            if flag == "i":
                raise _Usage("-i (interactive mode) is not available in the lite sandbox: run a file or use -c")
            if flag not in "bBdEIOPqsSuvx":
                raise _Usage("unknown option -" + flag)
            j += 1
        i += 1
    if i < len(argv):
        return ("file", argv[i], argv[i + 1:])
    return ("stdin", None, [])


def _exit_code(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        print(code, file=sys.stderr)
    except Exception:
        pass
    return 1


def _ours(frame):
    name = frame.f_code.co_filename
    return name == "${'<autopilot-python>'}" or "runpy" in name


def _print_exception(exc):
    tb = exc.__traceback__
    while tb is not None and _ours(tb.tb_frame):
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb)


def _exec_main(source, filename):
    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = builtins
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = main
    try:
        exec(compile(source, filename, "exec"), main.__dict__)
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved


def _forget_user_modules():
    for name, module in list(sys.modules.items()):
        if name in _BASE_MODULES:
            continue
        where = getattr(module, "__file__", None) or ""
        paths = list(getattr(module, "__path__", []) or [])
        if where.startswith(_STDLIB) or (paths and all(str(p).startswith(_STDLIB) for p in paths)):
            continue
        if not where and not paths:
            continue  # built into the interpreter
        del sys.modules[name]
    importlib.invalidate_caches()


def _run(mode, target, args, cwd):
    if mode == "c":
        sys.argv = ["-c"] + args
        sys.path[:] = [""] + _BASE_PATH
        _exec_main(target, "<string>")
    elif mode == "m" and target == "http.server":
        print("python3: http.server cannot serve in the lite sandbox: it has no network ports. "
              "Test the code behind a server directly, or use the WebContainer sandbox for servers.", file=sys.stderr)
        return 1
    elif mode == "m":
        sys.argv = [target] + args
        sys.path[:] = [cwd] + _BASE_PATH
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    elif mode == "file":
        path = os.path.abspath(target)
        if not os.path.exists(path):
            print("python3: can't open file %r: [Errno 2] No such file or directory" % path, file=sys.stderr)
            return 2
        sys.argv = [target] + args
        sys.path[:] = [os.path.dirname(path)] + _BASE_PATH
        runpy.run_path(path, run_name="__main__")
    else:
        source = sys.stdin.read()
        sys.argv = ["-" if target else ""] + args
        sys.path[:] = [""] + _BASE_PATH
        _exec_main(source, "<stdin>")
    return 0


def _autopilot_main(request_json, stdin_bytes):
    global _STDOUT, _STDERR
    _STDOUT = sys.stdout = _stream(1, _STDOUT)
    _STDERR = sys.stderr = _stream(2, _STDERR)
    request = json.loads(request_json)
    os.environ.clear()
    os.environ.update(request["env"])
    cwd = request["cwd"]
    try:
        os.chdir(cwd)
    except OSError:
        pass
    try:
        mode, target, args = _parse(request["argv"])
    except _Usage as problem:
        print("%s\n%s\nTry 'python3 -h' for more information." % (problem, _USAGE), file=sys.stderr)
        return 2
    if mode == "version":
        print("Python " + sys.version.split()[0])
        return 0
    if mode == "help":
        print(_HELP, end="")
        return 0
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(bytes(stdin_bytes)), encoding="utf-8")
    code = 0
    try:
        code = _run(mode, target, args, cwd)
    except SystemExit as stop:
        code = _exit_code(stop)
    except BaseException as error:
        _print_exception(error)
        code = 1
    finally:
        try:
            atexit._run_exitfuncs()
        except BaseException:
            pass
        atexit._clear()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        sys.stdin = saved_stdin
        sys.argv = [""]
        sys.path[:] = [""] + _BASE_PATH
        _forget_user_modules()
    return code
`;
