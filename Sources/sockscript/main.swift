import ArgumentParser

SockScript.main()
