# sys.exit() in main waits for non-daemon threads and keeps its status
import threading, time, sys
def late():
    time.sleep(0.1)
    print("late output after sys.exit")
threading.Thread(target=late).start()
sys.exit(4)
