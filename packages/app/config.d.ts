export interface Config {
  auth?: {
    providers?: {
      /**
       * The guest sign-in, which only the demo configures
       * (app-config.demo.yaml). The app's sign-in page offers it only when
       * this is set; the frontend learns whether it is set, not what it
       * holds (its keys stay visible to the backend only).
       * @visibility frontend
       */
      guest?: { [key: string]: unknown };
    };
  };
}
