from .cli import main

# The guard keeps spawned worker processes (Dask, multiprocessing on macOS and
# Windows), which import this module again, from starting a run of their own.
if __name__ == "__main__":
    main(prog_name="newslint")
