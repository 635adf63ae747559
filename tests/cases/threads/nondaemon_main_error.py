# the main program fails: non-daemon threads are still joined (output appears), status 1
import threading, time
def late():
    time.sleep(0.1)
    print("late output after main's error")
threading.Thread(target=late).start()
print("main raises")
raise ValueError("main failed")
