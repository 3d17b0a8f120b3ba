"""Prints, one per line, the modules among argv[2:] and the top-level imports of argv[1] (a
model.py, or "-") that this interpreter cannot find. kserve and fastapi are skipped: the worker
brings stand-ins for them."""
import ast
import os
import importlib.util
import sys

SHIMMED = ("kserve", "fastapi")


def imports_of(path):
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def main(argv):
    wanted = list(argv[2:])
    if argv[1] != "-":
        sys.path.insert(0, os.path.dirname(os.path.abspath(argv[1])))
        wanted += [m for m in imports_of(argv[1]) if m not in wanted]
    for module in wanted:
        if module not in SHIMMED and importlib.util.find_spec(module) is None:
            print(module)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
