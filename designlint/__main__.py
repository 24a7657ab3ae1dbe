from designlint.entry import run

run()
