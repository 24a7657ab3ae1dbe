from designlint.cli import run

run()
