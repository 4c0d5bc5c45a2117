from actorgraph.cli import run

run()
