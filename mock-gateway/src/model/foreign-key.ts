/**
 * Another party's RSA private key (TEST ONLY, never Alipay's nor any app's): the gateway signs with it the payloads
 * it says were signed by someone else (tampering `foreign-key-sign`). Fixed, so that no run pays for generating one
 * (0.15–0.7 s of CPU on a small machine, at the first such payload of every process).
 */
export const FOREIGN_PRIVATE_KEY_PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCKYMw5UBEpgtEV',
  'eBxTtVf72g508tNRx3sx6ftRFKMFY8DqfxiabVuTJZ+Zpi8UA+8BwiBWsnCB1PzT',
  'Wa63x1M447Woieo2A3b7zlB3wLykOOiOeC98rWL9Rq8noCrYgH8axkTdPc+41kgI',
  'Cz1XgOaktZXMAmTB4zEzl9+yEJKT0iQ+AUxwan5YgycDx1gA9Ia091pHGvBhfinn',
  'EqnCkcZvqVoHOoudpJ/msd3xUK2Ajljd4LEAsX/VL/qFxMrT5knZ2MEVghWvJAtF',
  '5K6lqQM/VB8etT1CoCdrBW13phPwbvIHKBRNLNu1w/GeTxKBsUiQF0FJ2QUknuOJ',
  'VWLwxvD9AgMBAAECggEAHC9IGXpV7IsRFBrhRil/ELSi0i4tXZBQZuO+BQ87fxsI',
  'zZpyg+23Q7rbjZucJisA8O490PrKUJ91mYTAQf1u1X0H4JqqojLFdtdYa3PN2HMg',
  '5vfS0EWujmDpxxvn7i4J9YWhvCBdYUv/4ueLKHoAQFcd+i4YoKcqO9R4wxd+C25q',
  'tYHWsCbU5FLd35mwkIcoX7TeT+AhccbwBEAT+hGI3jxbT2iXyHf7O9Q9xKzb8slJ',
  'ZvndPwhX1mCJKHNSbG1dImmm0xO+utWDfCN3eiQTsmkc5HhdMfttcjBBsv7Wt9BR',
  'kXV4UJmCxMPu26JPjWNs61eerAzEmFUS/ekVMB/nLwKBgQC/cHMc5bALs1i7r5Li',
  '8TuD2L1RyDiIosIFH/bUpzTIHa78pRGSDKhNgYe40nWMYPageJTTiHlBaRTupm15',
  'MHV9n9ddaVRtTPWzVJB7Vte9xu00QMxaHwnPZjy5/ClVfnWRmsmI5uM2aLzcPIP8',
  'YptCENz13e8+YQU+T9jMfeC4nwKBgQC5C2nqgCknL4WRwzxdd9PEQXQ/irzUPOG3',
  'uh0aey1gDoE8Bwlp2nsfxypm7Cfvhp0E+o4XvCM1Nmi/Aaug7QWUuDieMzN2fW22',
  'M1dVdlBb1RMc0Jha2ilHY5PvOifz/N8V65szK0K0qrp5UXgs8Izz9zmQySie3Kc6',
  'GHNotudE4wKBgAHfVrDkqjkjEu4bBIPFukBK4WcoXy0u8ljcfCyOShze9XQxJR/Z',
  'kdfYOXycSlwKIr9lDoeXISB7p6HB7PYvfCazZobaXeIHy6tqW1NpgQixJmbJb3Y+',
  'MXle1Z84EStt5jZ7XhdBst04XwiEawIP8NbPlWmuNwXUKxn16/fsD0OfAoGAfRWf',
  'EjpyFyADjUXJb3FJwBdyymUxQdKpzfVMKRNs18rWR0qGbXyX0CJkolAuqrZ3O99W',
  '3+p4bkcKRVuOteii5iYld6MqvYUJ/aj09ztUFM+S7N6ArqFcV/qTDJpmWYLtFjc+',
  'oTc0D0Z9aPbOYqp0zZGn4xxnjgOgMyBGG1nQOXsCgYEAl/gbHws6nQuSP6cdctyF',
  'FycCx1aiZVZkg4vUf6FeQd0ye+rzrgD4PFQJ1kKraCSGQBqR+/Dq0SqPGxrmj5UH',
  'xYG2pNyfZhpYZOQ/OlP92Y/MBhOG28fupB3lAgp1GBpzYBHb7ziTx9KyhkrKdh5N',
  'CuN4XBTVfGtKki9ACdzTaMk=',
  '-----END PRIVATE KEY-----',
].join('\n');
