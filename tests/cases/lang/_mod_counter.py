# helper module: prints when its body runs, to show modules execute once
print("executing _mod_counter body")
loads = 1
